import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, get, openDb, openDiscussion, post, signIn, startServer, type Server } from "./server";

/** The findings of the security probe (issue 13) that only show through the running server. */

let server: Server;
let member: string;
beforeAll(async () => {
  server = await startServer();
  member = await signIn(server, "member@example.com");
});
afterAll(async () => {
  await server.stop();
});

describe("redirectTo", () => {
  const leaving = [
    "/\t/evil.example/",
    "/\r\n/evil.example/",
    "/threads/1\r\nSet-Cookie: x=1",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
  ];

  test.each(leaving)("a signed-in visit to /login?redirectTo=%j goes home, never elsewhere and never a 500", async (to) => {
    const response = await get(server, `/login?${new URLSearchParams({ redirectTo: to })}`, { cookie: member });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  test.each(leaving)("signing in with redirectTo=%j goes home", async (to) => {
    const response = await post(server, "/login", { login: "priya@example.com", password: DEMO_PASSWORD, redirectTo: to });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  test("a signed-in visit to /signup goes back where it was asked to, on this site", async () => {
    const back = await get(server, "/signup?redirectTo=%2Fthreads%2F1", { cookie: member });
    expect(back.headers.get("location")).toBe("/threads/1");
    const away = await get(server, `/signup?${new URLSearchParams({ redirectTo: "/\t/evil.example/" })}`, { cookie: member });
    expect(away.headers.get("location")).toBe("/");
  });
});

describe("a session cookie whose name is percent-encoded", () => {
  /** `cocreate%5Fsession=…`: lucia decodes cookie names, so the session code accepts it. */
  const encodedName = (cookie: string) => cookie.replace(/^cocreate_session=/, "cocreate%5Fsession=");

  test("signs in, is answered privately, and the page never reaches a visitor through the cache", async () => {
    const staff = encodedName(await signIn(server, "staff@example.com"));
    const path = "/products/pulse";
    const signedIn = await get(server, path, { cookie: staff });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain("Signed in as");
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.headers.get("vary")).toMatch(/\bCookie\b/);

    for (let i = 0; i < 2; i++) {
      const visitor = await get(server, path);
      expect(await visitor.text()).not.toContain("Signed in as");
    }
  });

  test("counts as a session for the origin check: a POST without Origin or Referer is refused", async () => {
    const cookie = encodedName(await signIn(server, "member@example.com"));
    const response = await post(server, "/settings", { intent: "sign-out-everywhere" }, { cookie, origin: null });
    expect(response.status).toBe(403);
  });

  test("a visitor's page is public and cached, a member's private", async () => {
    const visitor = await get(server, "/products/relay");
    expect(visitor.headers.get("cache-control") ?? "").not.toContain("private");
    expect((await get(server, "/products/relay")).headers.get("x-page-cache")).toBe("hit");
    const signedIn = await get(server, "/products/relay", { cookie: member });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.headers.get("vary")).toMatch(/\bCookie\b/);
  });
});

describe("Markdown a member could freeze the server with", () => {
  const decode = (html: string) =>
    html
      .replace(/&gt;/g, ">")
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");

  test("the reply form says how long a post may be", async () => {
    const thread = openDiscussion(server.dbPath);
    const html = await (await get(server, `/threads/${thread.id}`, { cookie: member })).text();
    expect(html).toContain("Up to 20,000 characters.");
  });

  test("text nested thousands of levels deep is refused with a message, the text kept, and nothing stored", async () => {
    const thread = openDiscussion(server.dbPath);
    const body = `${"> ".repeat(9_000)}deep`;
    const started = performance.now();
    const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie: member });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    expect(html).toContain("Quotes and lists can be nested at most 20 levels deep; line 1 goes deeper.");
    expect(html).toContain(`${body}</textarea>`);
    const db = openDb(server.dbPath);
    const stored = db.prepare("select count(*) as n from posts where body like '> > > %'").get() as { n: number };
    db.close();
    expect(stored.n).toBe(0);
  });

  test("a shape that renders too slowly is stopped and refused (400), saying what to change", async () => {
    const thread = openDiscussion(server.dbPath);
    const body = "a+_".repeat(6_000);
    const started = performance.now();
    const response = await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie: member });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(400);
    expect(decode(await response.text())).toContain("This text takes too long to format");
  });
});

describe("images in posts", () => {
  test("pages load images only from this site", async () => {
    const csp = (await get(server, "/")).headers.get("content-security-policy") ?? "";
    expect(csp.split(";").map((d) => d.trim())).toContain("img-src 'self'");
  });

  test("a remote image in a reply is stored as a link to it, never as an image", async () => {
    const thread = openDiscussion(server.dbPath);
    const body = `Look ![pixel ${Date.now()}](https://tracker.example/p.gif)`;
    expect((await post(server, `/threads/${thread.id}`, { intent: "reply", body }, { cookie: member })).status).toBe(302);
    const db = openDb(server.dbPath);
    const row = db.prepare("select body_html as html from posts where body = ?").get(body) as { html: string };
    db.close();
    expect(row.html).not.toContain("<img");
    expect(row.html).toContain('<a href="https://tracker.example/p.gif" rel="nofollow ugc noopener">pixel');
  });
});
