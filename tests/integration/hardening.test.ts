import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, get, post, signIn, startServer, type Server } from "./server";

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
  const leaving = ["/\t/evil.example/", "/\r\n/evil.example/", "/threads/1\r\nSet-Cookie: x=1", "//evil.example", "/\\evil.example", "https://evil.example/"];

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

  test("a visitor's page is public and cacheable, a member's private", async () => {
    const visitor = await get(server, "/products/relay");
    expect(visitor.headers.get("cache-control") ?? "").not.toContain("private");
    const signedIn = await get(server, "/products/relay", { cookie: member });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.headers.get("vary")).toMatch(/\bCookie\b/);
  });
});
