import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { config } from "~/config.server";

/**
 * Requests the server makes to addresses admins choose (webhooks). They must
 * never reach the server's own network: loopback (in any spelling: 127.1,
 * 2130706433, 0x7f000001, localhost, ::1, ::ffff:127.0.0.1), private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * multicast, reserved and IPv6 unique-local or link-local addresses are
 * refused. The check is made on the address the connection is actually
 * opened to (a DNS lookup of our own feeds the socket), so a name cannot
 * resolve to one address when checked and another when used.
 *
 * WEBHOOK_ALLOW_PRIVATE=1 lifts the refusal, for tests that deliver to a
 * receiver on this machine and for installations whose receivers really are
 * on their private network. Never set it on a public forum.
 */

export function privateAddressesAllowed(): boolean {
  return config().WEBHOOK_ALLOW_PRIVATE;
}

const refusedV4 = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (and some clouds' metadata, 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  refusedV4.addSubnet(network, prefix, "ipv4");
}

const refusedV6 = new net.BlockList();
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments, Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local (AWS metadata fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local
  ["ff00::", 8], // multicast
] as const) {
  refusedV6.addSubnet(network, prefix, "ipv6");
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const start = part(head);
  const end = tail === undefined ? [] : part(tail);
  const groups = tail === undefined ? start : [...start, ...Array(8 - start.length - end.length).fill(0), ...end];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address carries. */
function embeddedIpv4(groups: number[]): string | null {
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return null;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
}

/** Whether an IP address (v4 or v6, as text) is one the server must not connect to for a webhook. */
export function isRefusedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return refusedV4.check(address, "ipv4");
  if (family !== 6) return true;
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  if (v4) return refusedV4.check(v4, "ipv4");
  return refusedV6.check(address, "ipv6");
}

/** A target we refused to connect to or could not reach; its message is the same whatever the reason. */
export class Undeliverable extends Error {
  constructor(readonly reason: string) {
    super("not delivered");
  }
}

/** The host of an http(s) URL as the URL parser normalised it (127.1 → 127.0.0.1), without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

const isLocalName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/**
 * Resolves like dns.lookup, but fails when any address the name has is
 * refused: the socket connects only to an address that passed.
 */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    const refused = privateAddressesAllowed() ? undefined : list.find((a) => isRefusedAddress(a.address));
    if (refused) return callback(new Undeliverable(`${hostname} resolves to ${refused.address}`), "", 0);
    if (list.length === 0) return callback(new Undeliverable(`${hostname} has no address`), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * Why an admin may not use this URL as a webhook, in words; null when it is
 * fine. Names are resolved now too (within a few seconds): one that points
 * into a private network is refused here with a clear message rather than
 * failing at every delivery. A name that does not resolve yet is accepted.
 */
export async function webhookUrlProblem(raw: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Give a full http:// or https:// URL.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Give a full http:// or https:// URL.";
  if (privateAddressesAllowed()) return null;
  const host = hostOf(url);
  const privateMessage = (address: string) =>
    `That address is on a private or local network (${address}), which webhooks can't reach. Give a public http:// or https:// URL.`;
  if (net.isIP(host)) return isRefusedAddress(host) ? privateMessage(host) : null;
  if (isLocalName(host)) return privateMessage(host);
  const addresses = await Promise.race([
    dns.promises.lookup(host, { all: true }).catch(() => []),
    new Promise<dns.LookupAddress[]>((resolve) => setTimeout(() => resolve([]), 3_000).unref()),
  ]);
  const refused = addresses.find((a) => isRefusedAddress(a.address));
  return refused ? privateMessage(`${host} is ${refused.address}`) : null;
}

/**
 * POSTs to an admin's URL and answers the HTTP status. Follows no redirect
 * (a 3xx is an answer like any other). Throws Undeliverable for a refused
 * address and for anything that kept us from getting an answer.
 */
export function postToWebhook(raw: string, headers: Record<string, string>, body: string, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return reject(new Undeliverable("not a URL"));
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return reject(new Undeliverable(`scheme ${url.protocol}`));
    const host = hostOf(url);
    // An address in the URL itself is never looked up: check it here.
    if (!privateAddressesAllowed() && ((net.isIP(host) && isRefusedAddress(host)) || isLocalName(host))) {
      return reject(new Undeliverable(`${host} is a private or local address`));
    }
    const send = url.protocol === "https:" ? https.request : http.request;
    const request = send(url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      lookup: checkedLookup,
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on("response", (response) => {
      resolve(response.statusCode ?? 0);
      // Only the status matters; the rest of the answer is not read.
      response.destroy();
    });
    request.on("error", (error) => reject(error instanceof Undeliverable ? error : new Undeliverable(String(error.message))));
    request.end(body);
  });
}
