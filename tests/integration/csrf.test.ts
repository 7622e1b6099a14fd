import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, openDb, openDiscussion, post, signIn, startServer, type Server } from "./server";

let server: Server;
let cookie: string;
let thread: { id: number };
beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server, "member@example.com");
  thread = openDiscussion(server.dbPath);
});
afterAll(async () => {
  await server.stop();
});

function repliesSaying(body: string): number {
  const db = openDb(server.dbPath);
  const row = db.prepare("select count(*) as n from posts where body = ?").get(body) as { n: number };
  db.close();
  return row.n;
}

describe("a form sent from another site", () => {
  test("is refused with 403 and changes nothing, even with the member's session cookie", async () => {
    const body = "posted by evil.example on the member's behalf";
    const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie, origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This form came from another site");
    expect(repliesSaying(body)).toBe(0);
  });

  test("is refused when only the Referer names the other site", async () => {
    const body = "posted through a referer-only request";
    const response = await post(
      server,
      `/threads/${thread.id}`,
      { intent: "reply", body },
      {
        cookie,
        origin: null,
        referer: "https://evil.example/page",
      },
    );
    expect(response.status).toBe(403);
    expect(repliesSaying(body)).toBe(0);
  });

  test("is refused from a look-alike host, another port, or an opaque origin", async () => {
    const here = new URL(server.url);
    for (const origin of [`http://${here.hostname}.evil.example:${here.port}`, `http://${here.hostname}:1`, "null"]) {
      const response = await post(server, `/threads/${thread.id}`, { intent: "vote" }, { cookie, origin });
      expect(response.status, origin).toBe(403);
    }
  });

  test("cannot sign a visitor in (login CSRF)", async () => {
    const response = await post(
      server,
      "/login",
      { login: "member@example.com", password: "cocreate-demo" },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("cannot sign the member out", async () => {
    const response = await post(server, "/logout", {}, { cookie, origin: "https://evil.example" });
    expect(response.status).toBe(403);
    const home = await (await get(server, "/", { cookie })).text();
    expect(home).toContain("Sign out");
  });
});

describe("a request that names no origin at all", () => {
  test("is refused when it carries a session cookie", async () => {
    const body = "sent without Origin or Referer";
    const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie, origin: null });
    expect(response.status).toBe(403);
    expect(repliesSaying(body)).toBe(0);
  });

  test("is let through without a session cookie (a non-browser client acting for nobody)", async () => {
    const response = await post(server, "/login", { login: "member@example.com", password: "cocreate-demo" }, { origin: null });
    expect(response.status).toBe(302);
  });
});

describe("our own pages", () => {
  test("post as before: same origin is accepted and stored", async () => {
    const body = "a reply from our own page";
    const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie });
    expect(response.status).toBe(302);
    expect(repliesSaying(body)).toBe(1);
  });

  test("may name themselves by Referer when the browser leaves Origin out", async () => {
    const body = "a reply whose browser sent only Referer";
    const response = await post(
      server,
      `/threads/${thread.id}`,
      { intent: "reply", body },
      {
        cookie,
        origin: null,
        referer: `${server.url}/threads/${thread.id}`,
      },
    );
    expect(response.status).toBe(302);
    expect(repliesSaying(body)).toBe(1);
  });

  test("a mail provider's one-click unsubscribe (no Origin, no cookie) reaches the route, which judges its token", async () => {
    const response = await post(server, "/unsubscribe?token=not-a-real-token", { "List-Unsubscribe": "One-Click" }, { origin: null });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This unsubscribe link is not valid");
  });
});
