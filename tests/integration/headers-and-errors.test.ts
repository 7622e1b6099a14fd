import http from "node:http";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { get, signIn, startServer, type Server } from "./server";

let server: Server;
beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: "1" } });
});
afterAll(async () => {
  await server.stop();
});

function cspOf(response: Response): string {
  const csp = response.headers.get("content-security-policy");
  expect(csp).toBeTruthy();
  return csp!;
}

/** Every <script> in the page carries the nonce the CSP allows, and the CSP allows no other inline script. */
async function expectScriptsCoveredByNonce(response: Response) {
  const csp = cspOf(response);
  const scriptSrc = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src"));
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc!)![1];
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return html;
}

describe("security headers", () => {
  test.each([
    ["/", 200],
    ["/login", 200],
    ["/no-such-page", 404],
    ["/threads/abc", 400],
    ["/threads/99999999", 404],
  ])("the page %s (HTTP %i) runs only scripts carrying its nonce", async (path, status) => {
    const response = await get(server, path);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    await expectScriptsCoveredByNonce(response);
  });

  test("each page gets a different nonce", async () => {
    const [a, b] = await Promise.all([get(server, "/"), get(server, "/")]);
    expect(cspOf(a)).not.toBe(cspOf(b));
  });

  test("static files and plain-text answers are nosniff and run nothing", async () => {
    const page = await (await get(server, "/")).text();
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!;
    for (const path of ["/favicon.svg", "/healthz", stylesheet]) {
      const response = await get(server, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(cspOf(response), path).toContain("default-src 'none'");
    }
  });

  test("HSTS is sent when a trusted proxy says the visit was over HTTPS, and only then", async () => {
    const overHttps = await get(server, "/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(overHttps.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const overHttp = await get(server, "/");
    expect(overHttp.headers.get("strict-transport-security")).toBeNull();
  });

  test("without TRUST_PROXY a forged X-Forwarded-Proto does not turn HSTS on", async () => {
    const direct = await startServer({ env: { TRUST_PROXY: "" } });
    try {
      const response = await get(direct, "/healthz", { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await direct.stop();
    }
  });
});

describe("request log", () => {
  test("one JSON line per request with method, path, status, duration and user, and never a secret", async () => {
    const cookie = await signIn(server, "member@example.com");
    const sessionId = cookie.split("=")[1]!;
    const response = await get(server, "/?token=very-secret-value&page=2", { cookie });
    expect(response.status).toBe(200);
    const line = await server.waitForLog((l) => l.event === "request" && String(l.path).startsWith("/?"));
    expect(line).toMatchObject({ level: "info", method: "GET", status: 200, path: "/?token=[redacted]&page=2" });
    expect(typeof line.ms).toBe("number");
    expect(typeof line.userId).toBe("number");
    const signInLine = server.logs.find((l) => l.event === "request" && l.path === "/login" && l.method === "POST");
    expect(signInLine).toMatchObject({ status: 302, userId: line.userId });
    // A page that does not exist is a 404 in the log, not an error.
    expect((await get(server, "/no-such-page-at-all")).status).toBe(404);
    const notFound = await server.waitForLog((l) => l.event === "request" && l.path === "/no-such-page-at-all");
    expect(notFound).toMatchObject({ status: 404 });
    expect(notFound.errorId).toBeUndefined();
    expect(server.logs.filter((l) => l.event === "error")).toEqual([]);

    const output = server.output();
    expect(output).not.toContain("very-secret-value");
    expect(output).not.toContain("cocreate-demo");
    expect(output).not.toContain(sessionId);
  });
});

describe("an unexpected error", () => {
  test("shows the person an error id that is also in the log, on a page with the same CSP", async () => {
    const broken = await startServer();
    try {
      const cookie = await signIn(broken, "member@example.com");
      // Break the database under the running server: every signed-in page counts unread notifications.
      const db = new SQLite(broken.dbPath);
      db.pragma("foreign_keys = OFF");
      db.exec("alter table notifications rename to notifications_gone");
      db.close();

      const response = await get(broken, "/", { cookie });
      expect(response.status).toBe(500);
      expect(response.headers.getSetCookie().some((c) => c.startsWith("cocreate_error_id="))).toBe(true);
      const html = await expectScriptsCoveredByNonce(response);
      expect(html).toContain("Something went wrong on our side");
      const errorId = /<code data-error-id[^>]*>([0-9a-f]+)<\/code>/.exec(html)?.[1];
      expect(errorId).toMatch(/^[0-9a-f]{10}$/);

      const requestLine = await broken.waitForLog((l) => l.event === "request" && l.status === 500);
      expect(requestLine.errorId).toBe(errorId);
      const errorLine = broken.logs.find((l) => l.event === "error" && l.errorId === errorId);
      expect(errorLine).toMatchObject({ level: "error", method: "GET", path: "/" });
      expect(String(errorLine?.message)).toContain("notifications");
    } finally {
      await broken.stop();
    }
  });
});

describe("kept-alive connections", () => {
  test("a connection idle for longer than Node's 5 s default still carries the next request", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const ask = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${server.url}/healthz`, { agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
    expect(await ask()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await ask()).toBe(200);
    // The same socket answered both: the server did not close it while it sat idle.
    expect(sockets.size).toBe(1);
    agent.destroy();
  }, 20_000);
});
