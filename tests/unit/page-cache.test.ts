import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { sql } from "kysely";
import { changesPublicContent, touches } from "~db/invalidation.server";
import { forgetSiteSecret, getSiteSecret } from "~/models/site-secret.server";
import { deaf, hear, resetHearing } from "~db/invalidation-bus.server";
import { sessionIdFromCookies } from "~/auth/session.server";
import { createPageCache } from "~/http/page-cache.server";
import { createReply } from "~/models/post.server";
import { pageShowsThread } from "~/models/page-tags.server";
import { noteViewer, runWithRequestContext } from "~/utils/request-context.server";
import { createTestThread, createTestUser, type TestActor } from "./factories";

/**
 * A stand-in for Remix: every page carries a fresh nonce in its CSP and its
 * inline scripts, and counts its renders. Like the root loader's getUser it
 * notes whom it rendered for: a member when the request names a session (or
 * ?as=member), otherwise nobody; ?unmarked pages never look the viewer up.
 * /threads/N/… pages show thread N (as the thread page's loader says);
 * /slow/… pages take a moment to render.
 */
let renders = 0;
let server: http.Server;
let base: string;

async function page(req: express.Request, res: express.Response) {
  renders++;
  const thread = /\/threads\/(\d+)/.exec(req.path);
  if (thread) pageShowsThread(Number(thread[1]));
  if (req.path.startsWith("/slow")) await new Promise((resolve) => setTimeout(resolve, 100));
  if (req.query.as === "member") noteViewer(42);
  else if (req.query.unmarked === undefined) noteViewer(sessionIdFromCookies(req.headers.cookie) ? 42 : null);
  const nonce = randomBytes(16).toString("base64");
  res.setHeader("Content-Security-Policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}'`);
  res.type("html");
  if (req.query.cookie) res.setHeader("Set-Cookie", "flash=1");
  // What securityHeaders() adds to an answer that travelled over HTTPS.
  if (req.headers["x-test-https"]) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (req.query.status) res.status(Number(req.query.status));
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}">window.a = 1</script></head>`);
  res.end(`<body><p>${req.originalUrl} ${"forum text ".repeat(300)}</p><script nonce="${nonce}">window.b = 2</script></body></html>`);
}

beforeAll(async () => {
  const app = express();
  app.use((_req, _res, next) => runWithRequestContext({}, next));
  app.use(compression());
  // Pages under /short age out quickly; the rest stay for the whole file, however busy the machine.
  const hasSession = (cookie: string | undefined) => sessionIdFromCookies(cookie) !== null;
  const cache = createPageCache({ hasSession, ttlSeconds: 600 }).handler;
  const short = createPageCache({ hasSession, ttlSeconds: 0.2 }).handler;
  app.use((req, res, next) => (req.path.startsWith("/short") ? short : cache)(req, res, next));
  app.get("*", page);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  renders = 0;
  resetHearing();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });
const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
/** The page with its nonce taken out, to compare two answers. */
const withoutNonce = (html: string, nonce: string | undefined) => html.split(nonce ?? "\0").join("NONCE");

describe("the page cache", () => {
  it("renders a visitor's page once and sends it again, with a fresh nonce each time", async () => {
    const first = await get("/threads/1/a");
    const firstHtml = await first.text();
    const second = await get("/threads/1/a");
    const secondHtml = await second.text();
    expect(renders).toBe(1);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(secondHtml).toContain(`<script nonce="${nonceOf(second)}">`);
    expect(secondHtml).not.toContain(nonceOf(first));
    expect(withoutNonce(secondHtml, nonceOf(second))).toBe(withoutNonce(firstHtml, nonceOf(first)));
    expect(second.headers.get("content-security-policy")).toBe(`default-src 'self'; script-src 'self' 'nonce-${nonceOf(second)}'`);
    expect(second.headers.get("vary")).toMatch(/Cookie/);
  });

  it("sends pre-compressed gzip that inflates to the page with this answer's nonce", async () => {
    const plain = await (await get("/gzip")).text();
    const response = await fetch(`${base}/gzip`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.headers.get("x-page-cache")).toBe("hit");
    // fetch inflates gzip itself; check the bytes on the wire too.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      http.get(`${base}/gzip`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
        expect(res.headers["content-encoding"]).toBe("gzip");
        const chunks: Buffer[] = [];
        res
          .on("data", (c: Buffer) => chunks.push(c))
          .on("end", () => resolve(Buffer.concat(chunks)))
          .on("error", reject);
      });
    });
    const html = gunzipSync(raw).toString();
    const nonce = /nonce="([^"]+)"/.exec(html)![1];
    expect(withoutNonce(html, nonce)).toBe(withoutNonce(plain, /nonce="([^"]+)"/.exec(plain)![1]));
    expect(await response.text()).toContain("forum text");
    expect(renders).toBe(1);
  });

  it("answers 304 to a browser that already has the page", async () => {
    await get("/etag");
    const cached = await get("/etag");
    const etag = cached.headers.get("etag")!;
    expect(etag).toMatch(/^W\//);
    // Not fetch(): it adds "Cache-Control: no-cache" to conditional requests, which rightly forces a full answer.
    const status = await new Promise<number | undefined>((resolve) => {
      http.get(`${base}/etag`, { headers: { "If-None-Match": etag } }, (res) => resolve(res.statusCode)).end();
    });
    expect(status).toBe(304);
    expect(renders).toBe(1);
  });

  it("never stores or serves a signed-in member's page", async () => {
    await get("/mine");
    const signedIn = await get("/mine", { Cookie: "theme=dark; cocreate_session=abc" });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    await get("/theirs", { Cookie: "cocreate_session=abc" });
    const visitor = await get("/theirs");
    expect(visitor.headers.get("x-page-cache")).toBe("miss");
    expect(renders).toBe(4);
    const token = await get("/mine", { Authorization: "Bearer cc_x" });
    expect(token.headers.get("x-page-cache")).toBeNull();
  });

  it("treats a session cookie as the session code reads it: a percent-encoded name is a session too", async () => {
    await get("/encoded");
    for (const cookie of ["cocreate%5Fsession=abc", "theme=dark; cocreate%5fsession=abc", "cocreate_session=%61bc"]) {
      const signedIn = await get("/encoded", { Cookie: cookie });
      expect(signedIn.headers.get("x-page-cache"), cookie).toBeNull();
    }
    await get("/encoded-theirs", { Cookie: "cocreate%5Fsession=abc" });
    expect((await get("/encoded-theirs")).headers.get("x-page-cache")).toBe("miss");
    // A malformed escape is no session, for lucia and for the cache alike.
    expect((await get("/encoded", { Cookie: "cocreate_session=%E0%A4%A" })).headers.get("x-page-cache")).toBe("hit");
  });

  it("stores a page only when it says it was rendered for nobody", async () => {
    await get("/marked?as=member");
    expect((await get("/marked?as=member")).headers.get("x-page-cache")).not.toBe("hit");
    await get("/never-looked?unmarked");
    expect((await get("/never-looked?unmarked")).headers.get("x-page-cache")).not.toBe("hit");
    expect(renders).toBe(4);
  });

  it("stores only plain successful pages, and never health checks", async () => {
    for (const path of ["/x?cookie=1", "/x?status=404", "/healthz", "/api/v1/products"]) {
      await get(path);
      expect((await get(path)).headers.get("x-page-cache"), path).not.toBe("hit");
    }
    expect(renders).toBe(8);
  });

  it("drops every page once a write that names nothing happens, but not for sign-ins or notifications", async () => {
    const author = await createTestUser();
    await get("/after-write");
    await get("/threads/999/untouched");
    await getDb()
      .insertInto("sessions")
      .values({ id: "s1", user_id: author.id, expires_at: Date.now() + 60_000, created_at: Date.now() })
      .execute();
    await getDb()
      .insertInto("notifications")
      .values({ user_id: author.id, kind: "reply", created_at: Date.now(), read_at: null })
      .execute();
    expect((await get("/after-write")).headers.get("x-page-cache")).toBe("hit");
    await createTestThread(author, { title: "A new thread" });
    expect((await get("/after-write")).headers.get("x-page-cache")).not.toBe("hit");
    expect((await get("/threads/999/untouched")).headers.get("x-page-cache")).not.toBe("hit");
    expect(renders).toBe(4);
  });
  it("keeps every page when a write that names nothing changed no row (a conditional update that lost its race)", async () => {
    await get("/lost-race");
    await getDb().updateTable("threads").set({ title: "Nobody" }).where("id", "=", -1).execute();
    await getDb().deleteFrom("posts").where("id", "=", -1).execute();
    expect((await get("/lost-race")).headers.get("x-page-cache")).toBe("hit");
    await getDb().updateTable("threads").set({ locked: 0 }).where("id", ">", 0).execute();
    expect((await get("/lost-race")).headers.get("x-page-cache")).not.toBe("hit");
    expect(renders).toBe(2);
  });

  it("keeps every page when the key that signs emailed links is made: no page shows it", async () => {
    await get("/site-secret");
    forgetSiteSecret();
    await getSiteSecret();
    expect(await getDb().selectFrom("settings").select("key").where("key", "=", "site_secret").executeTakeFirst()).toBeTruthy();
    expect((await get("/site-secret")).headers.get("x-page-cache")).toBe("hit");
  });

  it("lets pages age out, so relative times stay right", async () => {
    await get("/short/old");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await get("/short/old")).headers.get("x-page-cache")).not.toBe("hit");
    expect(renders).toBe(2);
  });

  it("never replays one answer's HSTS header to another: a page stored from an HTTPS visit goes out over HTTP without it", async () => {
    const first = await get("/hsts", { "X-Test-HTTPS": "1" });
    expect(first.headers.get("strict-transport-security")).toBeTruthy();
    const second = await get("/hsts");
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(second.headers.get("strict-transport-security")).toBeNull();
  });

  it("answers HEAD from the cache without a body", async () => {
    await get("/head");
    const response = await fetch(`${base}/head`, { method: "HEAD" });
    expect(response.headers.get("x-page-cache")).toBe("hit");
    expect(await response.text()).toBe("");
  });
});

describe("what a write drops", () => {
  let author: TestActor;
  let threadA: number;
  let threadB: number;

  beforeAll(async () => {
    author = await createTestUser();
    threadA = await createTestThread(author, { title: "Thread A" });
    threadB = await createTestThread(author, { title: "Thread B" });
  });

  it("a reply to one thread drops that thread's page at once and leaves another thread's page in place", async () => {
    await get(`/threads/${threadA}/a`);
    await get(`/threads/${threadB}/b`);
    await get("/home-like");
    expect((await get(`/threads/${threadA}/a`)).headers.get("x-page-cache")).toBe("hit");
    await createReply(author, threadA, "A reply to A.");
    expect((await get(`/threads/${threadA}/a`)).headers.get("x-page-cache")).not.toBe("hit");
    expect((await get(`/threads/${threadB}/b`)).headers.get("x-page-cache")).toBe("hit");
    // A page that named nothing may show anything, so it goes too.
    expect((await get("/home-like")).headers.get("x-page-cache")).not.toBe("hit");
  });

  it("tells nothing until the commit, and nothing at all for a transaction rolled back", async () => {
    await get(`/threads/${threadA}/rollback`);
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable("threads").set({ title: "Renamed" }).where("id", "=", threadA).execute();
          await touches(trx, `thread:${threadA}`);
          // Inside the transaction the page is still there: nothing is told before the commit.
          expect((await get(`/threads/${threadA}/rollback`)).headers.get("x-page-cache")).toBe("hit");
          throw new Error("changed my mind");
        }),
    ).rejects.toThrow("changed my mind");
    expect((await get(`/threads/${threadA}/rollback`)).headers.get("x-page-cache")).toBe("hit");
  });

  it("does not keep a page whose render began before a write that touches it", async () => {
    const rendering = get(`/slow/threads/${threadA}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    hear([`thread:${threadA}`]);
    await rendering;
    expect((await get(`/slow/threads/${threadA}`)).headers.get("x-page-cache")).not.toBe("hit");
    // A write elsewhere while rendering does not stop it being kept.
    const other = get(`/slow/threads/${threadB}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    hear([`thread:${threadA}`]);
    await other;
    expect((await get(`/slow/threads/${threadB}`)).headers.get("x-page-cache")).toBe("hit");
  });

  it("sends nothing from the cache while it cannot hear other processes' writes", async () => {
    await get("/deaf");
    expect((await get("/deaf")).headers.get("x-page-cache")).toBe("hit");
    deaf();
    expect((await get("/deaf")).headers.get("x-page-cache")).toBe("unheard");
    expect((await get("/deaf-new")).headers.get("x-page-cache")).toBe("unheard");
    expect((await get("/deaf-new")).headers.get("x-page-cache")).toBe("unheard");
  });
});

describe("which writes change what visitors see", () => {
  it("counts writes to what visitors see, raw SQL that writes and schema changes; not reads or private tables", async () => {
    const db = getDb();
    const now = Date.now();
    const node = (query: { toOperationNode(): unknown }) => query.toOperationNode() as Parameters<typeof changesPublicContent>[0];
    expect(changesPublicContent(node(db.selectFrom("threads").selectAll()))).toBe(false);
    expect(changesPublicContent(node(db.updateTable("threads").set({ title: "x" }).where("id", "=", 1)))).toBe(true);
    expect(changesPublicContent(node(db.deleteFrom("posts").where("id", "=", 1)))).toBe(true);
    expect(changesPublicContent(node(db.insertInto("settings").values({ key: "site_name", value: "x" })))).toBe(true);
    expect(
      changesPublicContent(node(db.insertInto("notifications").values({ user_id: 1, kind: "reply", created_at: now, read_at: null }))),
    ).toBe(false);
    expect(changesPublicContent(node(db.updateTable("sessions").set({ expires_at: now }).where("id", "=", "s")))).toBe(false);
    expect(changesPublicContent(node(sql`select 1`))).toBe(false);
    expect(changesPublicContent(node(sql`with x as (select 1) select * from x`))).toBe(false);
    expect(changesPublicContent(node(sql`update threads set title = 'x'`))).toBe(true);
    expect(changesPublicContent(node(sql`with x as (select 1) delete from posts where id in (select * from x)`))).toBe(true);
    expect(changesPublicContent(node(db.schema.createIndex("i").on("threads").column("title")))).toBe(true);
  });
});
