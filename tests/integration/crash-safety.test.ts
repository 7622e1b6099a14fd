import fs from "node:fs";
import http from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { openDb, openDiscussion, signIn, startServer, tempDbPath, type Server } from "./server";

const running: Server[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
});

async function start(dbPath: string) {
  const server = await startServer({ dbPath });
  running.push(server);
  return server;
}

describe("a crash in the middle of many writes", () => {
  test("loses no reply that was confirmed and leaves an intact database", async () => {
    const dbPath = tempDbPath("crash");
    const server = await start(dbPath);
    const cookie = await signIn(server, "member@example.com");
    const thread = openDiscussion(dbPath);

    const total = 240;
    const killAfter = 80;
    const confirmed: string[] = [];
    let failed = 0;
    let killed = false;
    // Half as plain form posts (a 302 confirms), half as the JavaScript
    // form's single-fetch .data posts (a 202 carrying the redirect confirms).
    const requests = Array.from({ length: total }, (_, i) => {
      const body = `crash-test reply number ${i}`;
      const target = `${server.url}/threads/${thread.id}${i % 2 ? ".data" : ""}`;
      return fetch(target, {
        method: "POST",
        headers: { Cookie: cookie, Origin: server.url },
        body: new URLSearchParams({ intent: "reply", body }),
        redirect: "manual",
      }).then(
        (response) => {
          if (response.status === 302 || response.status === 202 || response.status === 204) confirmed.push(body);
          else failed += 1;
          if (!killed && confirmed.length >= killAfter) {
            killed = true;
            server.child.kill("SIGKILL");
          }
        },
        () => {
          failed += 1;
        },
      );
    });
    await Promise.all(requests);
    const exit = await server.exited;

    expect(exit.signal).toBe("SIGKILL");
    expect(confirmed.length).toBeGreaterThanOrEqual(killAfter);
    // The kill really happened mid-way: some requests never got an answer.
    expect(failed).toBeGreaterThan(0);
    expect(confirmed.length + failed).toBe(total);

    // The forum comes back up on the same file.
    const restarted = await start(dbPath);
    const health = await fetch(`${restarted.url}/healthz`);
    expect(health.status).toBe(200);
    await restarted.stop();

    const db = openDb(dbPath);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const stored = new Set(
      (
        db.prepare("select body from posts where thread_id = ? and body like 'crash-test reply number %'").all(thread.id) as {
          body: string;
        }[]
      ).map((r) => r.body),
    );
    const lost = confirmed.filter((body) => !stored.has(body));
    expect(lost).toEqual([]);
    // The reply counter moved in the same transactions as the replies: nothing half-done.
    const after = db.prepare("select reply_count as replyCount from threads where id = ?").get(thread.id) as { replyCount: number };
    expect(after.replyCount - thread.replyCount).toBe(stored.size);
    db.close();
    console.log(`crash test: ${total} replies sent, ${confirmed.length} confirmed, ${failed} cut off by SIGKILL, ${stored.size} stored`);
  });
});

/**
 * A reply POST that waits, with `Expect: 100-continue`, for the server to
 * take the request before sending its body; the test decides when the body
 * goes, so the request is provably in flight in between.
 */
function replyInFlight(server: Server, cookie: string, threadId: number, text: string) {
  const body = new URLSearchParams({ intent: "reply", body: text }).toString();
  const url = new URL(`${server.url}/threads/${threadId}`);
  const request = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    agent: false,
    headers: {
      Cookie: cookie,
      Origin: server.url,
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    },
  });
  const accepted = new Promise<void>((resolve) => request.on("continue", resolve));
  const status = new Promise<number>((resolve, reject) => {
    request.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    request.on("error", reject);
  });
  request.flushHeaders();
  return { accepted, status, sendBody: () => request.end(body) };
}

describe("SIGTERM", () => {
  test("lets requests in flight finish, refuses new ones, then closes the database cleanly", async () => {
    const dbPath = tempDbPath("sigterm");
    const server = await start(dbPath);
    const cookie = await signIn(server, "member@example.com");
    const thread = openDiscussion(dbPath);

    const inFlight = ["drain-test reply one", "drain-test reply two", "drain-test reply three"].map((text) =>
      replyInFlight(server, cookie, thread.id, text),
    );
    // The server has taken all three requests and waits for their bodies.
    await Promise.all(inFlight.map((r) => r.accepted));
    server.child.kill("SIGTERM");
    await server.waitForLog((line) => line.event === "shutting-down");

    // A new connection is refused once shutdown has begun.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    for (const request of inFlight) request.sendBody();
    const statuses = await Promise.all(inFlight.map((r) => r.status));
    expect(statuses).toEqual([302, 302, 302]);

    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(server.logs.some((line) => line.event === "stopped")).toBe(true);
    // Closing the last connection checkpoints the WAL into the database file and removes it.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);

    const db = openDb(dbPath);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const stored = db.prepare("select count(*) as n from posts where body like 'drain-test reply %'").get() as { n: number };
    expect(stored.n).toBe(3);
    // Each reply is in the full-text index or still queued for it (the next start indexes the queue).
    const unsearchable = db
      .prepare(
        `select count(*) as n from posts p where p.body like 'drain-test reply %'
          and not exists (select 1 from search_index s where s.rowid = p.id * 2 + 1)
          and not exists (select 1 from search_pending q where q.post_id = p.id)`,
      )
      .get() as { n: number };
    expect(unsearchable.n).toBe(0);
    db.close();
  });
  test("exits cleanly and at once when a kept-alive connection finishes its answer just as SIGTERM arrives", async () => {
    // Idle connections are kept 65 s (app/server.ts): one that becomes idle a moment after SIGTERM must
    // still be closed, not keep the process until the shutdown timeout cuts it off with exit code 1.
    const codes: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const server = await start(tempDbPath(`sigterm-idle-${i}`));
      const answered = fetch(`${server.url}/healthz`);
      await new Promise((resolve) => setTimeout(resolve, i * 3));
      const stopped = server.stop();
      await answered.catch(() => null);
      codes.push((await stopped).code);
    }
    expect(codes).toEqual([0, 0, 0]);
  });
});
