import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { isRefusedAddress, webhookUrlProblem } from "~/http/outbound.server";
import { UNDELIVERABLE } from "~/http/webhook-client.server";
import { deliverDueWebhooks } from "~/jobs/deliver-webhooks.server";
import { createWebhook, listDeliveries } from "~/models/webhook.server";
import { createTestThread, createTestUser, statusOf } from "./factories";
import { restoreSettings, setSettings } from "./settings";

/** Two receivers on this machine: one answers 200, one redirects to the other. */
let hits = 0;
let redirectedHits = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  hits++;
  res.end("ok");
});
const redirector = http.createServer((req, res) => {
  req.resume();
  redirectedHits++;
  res.writeHead(302, { Location: `http://127.0.0.1:${portOf(receiver)}/caught` }).end();
});
const portOf = (server: http.Server) => (server.address() as AddressInfo).port;
let closedPort = 0;

beforeAll(async () => {
  for (const server of [receiver, redirector]) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // A port nothing listens on: open one and close it again.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = portOf(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  for (const server of [receiver, redirector]) await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => restoreSettings());

describe("addresses webhooks may not reach", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.100.100.200",
    "224.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "::127.0.0.1",
    "fc00::1",
    "fd00:ec2::254",
    "fe80::1",
    "fec0::1",
    "ff02::1",
    "2001:db8::1",
    "2002:7f00:1::1",
    "not an address",
  ])("%s is refused", (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8"])(
    "%s is a public address",
    (address) => {
      expect(isRefusedAddress(address)).toBe(false);
    },
  );

  it.each([
    ["http://127.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://0177.0.0.1:8080/", "127.0.0.1"],
    ["http://localhost:3000/hooks", "localhost"],
    ["http://api.localhost/", "api.localhost"],
    ["http://[::1]/", "::1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["https://10.0.0.5/hook", "10.0.0.5"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254"],
  ])("an admin adding %s is told why, with the address", async (url, shown) => {
    const problem = await webhookUrlProblem(url);
    expect(problem).toContain(`private or local network (${shown}`);
    expect(problem).toContain("Give a public http:// or https:// URL.");
  });

  it("refuses them when the webhook is created (400), and accepts a public URL", async () => {
    const admin = await createTestUser({ role: "admin" });
    expect(await statusOf(() => createWebhook(admin, { url: "http://127.1:8080/", events: ["thread.created"] }))).toBe(400);
    expect(await createWebhook(admin, { url: "https://93.184.216.34/hooks", events: ["thread.created"] })).toEqual(expect.any(Number));
  });
});

describe("delivering to a webhook", () => {
  /** A webhook stored as it may be from before this check, or after its name started resolving elsewhere. */
  async function hookTo(url: string) {
    const admin = await createTestUser({ role: "admin" });
    const row = await getDb()
      .insertInto("webhooks")
      .values({ url, secret: "whsec_test", events: "thread.created", created_by: admin.id, created_at: Date.now() })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { admin, id: row.id };
  }

  async function deliverOneTo(url: string) {
    await getDb().deleteFrom("webhook_deliveries").execute();
    await getDb().deleteFrom("webhooks").execute();
    const hook = await hookTo(url);
    await createTestThread(await createTestUser());
    await deliverDueWebhooks(Date.now() + 1);
    return (await listDeliveries(hook.admin, hook.id)).deliveries[0]!;
  }

  it("never connects to the server's own network, whatever the spelling, and logs only a generic failure", async () => {
    const port = portOf(receiver);
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://localhost:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      hits = 0;
      const delivery = await deliverOneTo(url);
      expect(hits, url).toBe(0);
      expect(delivery, url).toMatchObject({ status: "pending", responseStatus: null, lastError: UNDELIVERABLE });
    }
  });

  it("answers the same for a refused address and for a port where nothing listens: no port map", async () => {
    setSettings({ WEBHOOK_ALLOW_PRIVATE: "1" });
    const closed = await deliverOneTo(`http://127.0.0.1:${closedPort}/`);
    restoreSettings();
    const refused = await deliverOneTo(`http://127.0.0.1:${portOf(receiver)}/`);
    expect(closed.lastError).toBe(UNDELIVERABLE);
    expect(refused.lastError).toBe(UNDELIVERABLE);
    expect(closed.responseStatus).toBe(refused.responseStatus);
  });

  it("follows no redirect: a 3xx is recorded, and where it points is never asked", async () => {
    setSettings({ WEBHOOK_ALLOW_PRIVATE: "1" });
    hits = 0;
    redirectedHits = 0;
    const delivery = await deliverOneTo(`http://127.0.0.1:${portOf(redirector)}/`);
    expect(redirectedHits).toBe(1);
    expect(hits).toBe(0);
    expect(delivery).toMatchObject({ responseStatus: 302, lastError: "HTTP 302" });
  });

  it("delivers to a receiver on this machine only with WEBHOOK_ALLOW_PRIVATE=1", async () => {
    setSettings({ WEBHOOK_ALLOW_PRIVATE: "1" });
    hits = 0;
    const delivery = await deliverOneTo(`http://localhost:${portOf(receiver)}/`);
    expect(hits).toBe(1);
    expect(delivery).toMatchObject({ status: "delivered", responseStatus: 200 });
  });
});
