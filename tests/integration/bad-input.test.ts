import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildRoutes, openDb, openDiscussion, post, signIn, startServer, type Server } from "./server";

/**
 * Garbage sent to every route that has an action, as found in the build's
 * route manifest, so routes added later are covered without touching this
 * file. Whatever arrives, the answer is a 4xx, never a 500.
 */

type ActionRoute = { id: string; path: string };

const actionRoutes = (): ActionRoute[] => buildRoutes().filter((r) => r.hasAction);

const GARBAGE_IDS = ["abc", "0", "-1", "1e3", "99999999999999999999", "1%20OR%201=1", "x".repeat(300)];
const FORM_GARBAGE = ["abc", "1e3", "99999999999999999999"];

/** Intents that read an id from the form, with the field they read. */
const ID_INTENTS: { intent: string; field: string }[] = [
  { intent: "mark-answer", field: "postId" },
  { intent: "remove", field: "userId" },
  { intent: "credit", field: "userId" },
  { intent: "read", field: "id" },
  { intent: "move", field: "productId" },
  { intent: "agree", field: "id" },
  { intent: "dismiss", field: "id" },
];

const UNKNOWN_INTENTS: Record<string, string>[] = [
  {},
  { intent: "no-such-intent" },
  { intent: "" },
  { intent: "<script>alert(1)</script>" },
];

/** Actions that legitimately accept a form with no intent and nothing else in it. */
const ACCEPTS_EMPTY_FORM = new Set(["routes/logout", "routes/settings.email"]);
/** Pages for visitors only: a signed-in person is sent home whatever they post. */
const VISITOR_ONLY = new Set(["routes/login", "routes/signup"]);
/** The JSON API authenticates by token (401 without one) and names the methods it takes (405). */
const isApi = (route: ActionRoute) => route.id.startsWith("routes/api.");
/** Signing out would end the session every other probe uses; it gets visitors' probes only. */
const ENDS_SESSION = new Set(["routes/logout"]);

let server: Server;
let admin: string;
let member: string;
let validIds: Record<string, string>;
beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server, "admin@example.com");
  member = await signIn(server, "member@example.com");
  validIds = { id: String(openDiscussion(server.dbPath).id), slug: "x" };
});
afterAll(async () => {
  await server.stop();
});

function withParams(pattern: string, value: (name: string) => string): string {
  return pattern.replace(/:(\w+)\??/g, (_, name: string) => value(name)).replace(/\/+$/, "") || "/";
}

type Probe = { route: ActionRoute; url: string; body: Record<string, string>; cookie?: string; who: string; method?: string };

async function send(probe: Probe) {
  const response =
    probe.method && probe.method !== "POST"
      ? await fetch(server.url + probe.url, {
          method: probe.method,
          headers: { Origin: server.url, Accept: "text/html", ...(probe.cookie ? { Cookie: probe.cookie } : {}) },
          body: new URLSearchParams(probe.body),
          redirect: "manual",
        })
      : await post(server, probe.url, probe.body, { cookie: probe.cookie });
  await response.arrayBuffer();
  return { ...probe, status: response.status, location: response.headers.get("location") };
}

async function sendAll(probes: Probe[]) {
  const results: Awaited<ReturnType<typeof send>>[] = [];
  for (let i = 0; i < probes.length; i += 8) results.push(...(await Promise.all(probes.slice(i, i + 8).map(send))));
  return results;
}

const describeProbe = (r: { who: string; method?: string; url: string; body: Record<string, string>; status: number }) =>
  `${r.who} ${r.method ?? "POST"} ${r.url} ${JSON.stringify(r.body)} → ${r.status}`;

describe("every route with an action", () => {
  test("the build has the routes this test expects to find", () => {
    const ids = actionRoutes().map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["routes/threads.$id.($slug)", "routes/login", "routes/threads.new"]));
  });

  test("answers malformed ids in the URL with 4xx, never 500 and never a change", async () => {
    const probes: Probe[] = [];
    for (const route of actionRoutes().filter((r) => r.path.includes(":"))) {
      for (const garbage of GARBAGE_IDS) {
        const url = withParams(route.path, (name) => (name === "slug" ? "x" : garbage));
        for (const [who, cookie] of [
          ["admin", admin],
          ["visitor", undefined],
        ] as const) {
          if (cookie && ENDS_SESSION.has(route.id)) continue;
          for (const body of [{ intent: "reply", body: "garbage id reply" }, {}] as Record<string, string>[]) {
            probes.push({ route, url, body, cookie, who });
          }
        }
      }
    }
    const results = await sendAll(probes);
    const wrong = results.filter((r) => {
      if (r.who === "visitor" && r.status === 302) return !r.location?.startsWith("/login");
      if (isApi(r.route) && [401, 405].includes(r.status)) return false;
      return ![400, 403, 404].includes(r.status);
    });
    expect(wrong.map(describeProbe)).toEqual([]);
    const db = openDb(server.dbPath);
    expect(db.prepare("select count(*) as n from posts where body = 'garbage id reply'").get()).toEqual({ n: 0 });
    db.close();
    console.log(`bad ids: ${results.length} requests to ${new Set(results.map((r) => r.route.id)).size} routes`);
  }, 90_000);

  test("answers unknown intents and garbage form ids with 4xx, never 500", async () => {
    const probes: Probe[] = [];
    for (const route of actionRoutes()) {
      const url = withParams(route.path, (name) => validIds[name] ?? "1");
      for (const [who, cookie] of [
        ["admin", admin],
        ["member", member],
        ["visitor", undefined],
      ] as const) {
        if (cookie && ENDS_SESSION.has(route.id)) continue;
        for (const body of UNKNOWN_INTENTS) probes.push({ route, url, body, cookie, who });
        for (const method of ["PUT", "DELETE", "PATCH"]) probes.push({ route, url, body: {}, cookie, who, method });
      }
      if (ENDS_SESSION.has(route.id)) continue;
      for (const { intent, field } of ID_INTENTS) {
        for (const garbage of FORM_GARBAGE) {
          const body = { intent, [field]: garbage, type: "thread", contribution: "garbage test" };
          probes.push({ route, url, body, cookie: admin, who: "admin" });
        }
      }
    }
    const results = await sendAll(probes);
    const wrong = results.filter((r) => {
      if (r.status >= 500) return true;
      if (r.who === "visitor" && r.status === 302) return !r.location?.startsWith("/login") && !ACCEPTS_EMPTY_FORM.has(r.route.id);
      if (ACCEPTS_EMPTY_FORM.has(r.route.id) && r.status === 302) return false;
      if (VISITOR_ONLY.has(r.route.id) && r.who !== "visitor" && r.status === 302) return r.location !== "/";
      if (isApi(r.route) && [401, 405].includes(r.status)) return false;
      return ![400, 403, 404].includes(r.status);
    });
    expect(wrong.map(describeProbe)).toEqual([]);
    console.log(`bad intents: ${results.length} requests to ${new Set(results.map((r) => r.route.id)).size} routes`);
  }, 90_000);
});

describe("bodies that are not forms", () => {
  const thread = () => `/threads/${validIds.id}`;

  test.each([
    ["application/json", '{"intent":"reply","body":"json"}', 415],
    ["text/plain", "intent=reply&body=plain", 415],
    ["multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nrep', 400],
    ["multipart/form-data", "no boundary at all", 400],
  ])("%s is refused with %i", async (type, body, status) => {
    const response = await fetch(server.url + thread(), {
      method: "POST",
      headers: { Origin: server.url, Cookie: member, "Content-Type": type, Accept: "text/html" },
      body,
    });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  test("the JSON API takes JSON: it reaches the route, which asks for a token", async () => {
    const response = await fetch(`${server.url}/api/v1/threads/${validIds.id}/replies`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: "from a script" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  test("a body over the limit is a 413 page that says how much fits, and nothing is stored", async () => {
    const text = `oversized reply ${"x".repeat(1_100_000)}`;
    const response = await post(server, thread(), { intent: "reply", body: text }, { cookie: member });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain("That&#39;s too large");
    expect(html).toContain("This site accepts at most 1 MB in one go, and a post at most 20,000 characters.");
    const db = openDb(server.dbPath);
    expect(db.prepare("select count(*) as n from posts where body like 'oversized reply %'").get()).toEqual({ n: 0 });
    db.close();
  });

  test("a streamed body over the limit is cut off with a 413 too", async () => {
    const chunk = new TextEncoder().encode(`intent=reply&body=${"y".repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2_000_000) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(server.url + thread(), {
      method: "POST",
      headers: { Origin: server.url, Cookie: member, "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  test("a reply at the Markdown length cap is accepted and one character more is a 400 with the text kept", async () => {
    const atCap = "z".repeat(20_000);
    expect((await post(server, thread(), { intent: "reply", body: atCap }, { cookie: member })).status).toBe(302);
    const over = await post(server, thread(), { intent: "reply", body: `${atCap}!` }, { cookie: member });
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain("This is too long: keep it under 20,000 characters.");
    expect(html).toContain(`${atCap}!</textarea>`);
  });
});
