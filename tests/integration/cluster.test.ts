import http from "node:http";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPostgresDb } from "~db/postgres.server";
import type { Database } from "~db/schema";
import { createSqliteDb } from "~db/sqlite.server";
import { startPostgresCluster, type PostgresCluster } from "../../scripts/postgres-cluster";
import { DEMO_PASSWORD, signIn, startServer, tempDbPath, type Server } from "./server";

// CLUSTER_WORKERS=2 against the built server, on each engine: two worker processes share the port,
// and every request below opens a connection of its own, so the primary hands them out in turn.

let postgres: PostgresCluster;
beforeAll(async () => {
  postgres = await startPostgresCluster();
}, 60_000);
afterAll(() => postgres?.stop());

type Engine = "sqlite" | "postgres";

async function startCluster(engine: Engine, env: Record<string, string> = {}) {
  const dbPath = tempDbPath("cluster");
  let database: Kysely<Database>;
  const engineEnv: Record<string, string> = {};
  if (engine === "postgres") {
    const name = `cluster_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = createPostgresDb(`${postgres.url}/postgres`, [], { max: 1 });
    await sql.raw(`create database ${name}`).execute(admin);
    await admin.destroy();
    engineEnv.DATABASE_URL = `${postgres.url}/${name}`;
    database = createPostgresDb(engineEnv.DATABASE_URL, [], { max: 2 });
  } else {
    database = undefined as unknown as Kysely<Database>;
  }
  const server = await startServer({ dbPath, env: { CLUSTER_WORKERS: "2", TRUST_PROXY: "1", ...engineEnv, ...env } });
  await until(() => server.logs.filter((line) => line.event === "listening").length === 2, 60_000);
  if (engine === "sqlite") database = createSqliteDb(dbPath);
  return { server, db: database };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A request on a connection of its own (no keep-alive), so consecutive ones reach the workers in turn. */
function request(server: Server, method: string, pathname: string, options: { cookie?: string; form?: Record<string, string> } = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = http.request(
      `${server.url}${pathname}`,
      {
        method,
        agent: false,
        headers: {
          Accept: "text/html",
          Origin: server.url,
          ...(options.cookie ? { Cookie: options.cookie } : {}),
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, location: res.headers.location }));
      },
    );
    req.on("error", reject);
    // A connection handed to a worker that was killed may never be answered.
    req.setTimeout(30_000, () => req.destroy(new Error("no answer")));
    req.end(body);
  });
}

async function openDiscussion(db: Kysely<Database>) {
  return db
    .selectFrom("threads")
    .select(["id"])
    .where("kind", "=", "discussion")
    .where("locked", "=", 0)
    .where("closed_at", "is", null)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
}

const repliesLike = async (db: Kysely<Database>, threadId: number, prefix: string) =>
  (await db.selectFrom("posts").select("body").where("thread_id", "=", threadId).where("body", "like", `${prefix}%`).execute()).map(
    (row) => row.body,
  );

describe.each<Engine>(["sqlite", "postgres"])("two workers on %s", (engine) => {
  // One cluster for the three tests (starting two workers takes seconds); the SIGKILL comes last.
  let server: Server;
  let db: Kysely<Database>;
  beforeAll(async () => {
    ({ server, db } = await startCluster(engine, { BACKGROUND_POLL_MS: "100", RATE_LIMIT_SIGNIN_ACCOUNT: "5/900" }));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  // The page cache hears other processes' writes (issue 18: db/invalidation.server.ts).
  test("a reply through one worker makes the other worker's cached page miss within 100 ms", async () => {
    const thread = await openDiscussion(db);
    const first = await request(server, "GET", `/threads/${thread.id}`);
    const location = /^\/threads\/\d+/.test(first.location ?? "") ? first.location! : `/threads/${thread.id}`;
    // A visitor's view of the page, cached by both workers (consecutive connections alternate between them).
    for (let i = 0; i < 4; i++) expect((await request(server, "GET", location)).status).toBe(200);
    const cookie = await signIn(server, "member@example.com");
    const posted = await request(server, "POST", `/threads/${thread.id}`, {
      cookie,
      form: { intent: "reply", body: "Fresh news for the cache" },
    });
    expect(posted.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 4; i++) expect((await request(server, "GET", location)).body).toContain("Fresh news for the cache");
  });

  test("400 concurrent replies across both workers all succeed and are all stored; each email goes out once", async () => {
    const cookie = await signIn(server, "member@example.com");
    const thread = await openDiscussion(db);
    const statuses = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        request(server, "POST", `/threads/${thread.id}`, { cookie, form: { intent: "reply", body: `cluster reply ${i}` } }).then(
          (response) => response.status,
        ),
      ),
    );
    expect(statuses.filter((status) => status !== 302)).toEqual([]);
    expect(await repliesLike(db, thread.id, "cluster reply ")).toHaveLength(400);
    const { reply_count } = await db.selectFrom("threads").select("reply_count").where("id", "=", thread.id).executeTakeFirstOrThrow();
    const { n } = await db
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("thread_id", "=", thread.id)
      .where("deleted_at", "is", null)
      .where("hidden_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(reply_count)).toBe(Number(n));

    // 60 due emails; both workers run the sender every 100 ms.
    const member = await db.selectFrom("users").select("id").where("email", "=", "member@example.com").executeTakeFirstOrThrow();
    const now = Date.now();
    await db
      .insertInto("email_outbox")
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          user_id: member.id,
          notification_id: null,
          kind: "reply" as const,
          delivery: "immediate" as const,
          subject: `cluster email ${i}.`,
          text_body: "Hello",
          status: "pending" as const,
          next_attempt_at: now,
          digest_id: null,
          created_at: now,
          sent_at: null,
        })),
      )
      .execute();
    const pending = () =>
      db.selectFrom("email_outbox").select("id").where("subject", "like", "cluster email %").where("status", "=", "pending").execute();
    const sentLines = () =>
      server
        .output()
        .split("\n")
        .filter((line) => /^\[email\] not sent .*: cluster email \d+\.$/.test(line));
    await until(async () => (await pending()).length === 0, 20_000);
    // The workers' output reaches us a moment after their writes; a second sending of any would show by then too.
    await until(() => sentLines().length >= 60, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = sentLines();
    expect(sent).toHaveLength(60);
    expect(new Set(sent).size).toBe(60);
  }, 120_000);

  test("five failed sign-ins spread over both workers lock the account", async () => {
    const failing = { login: "staff@example.com", password: "not the password" };
    for (let i = 0; i < 5; i++) await request(server, "POST", "/login", { form: failing });
    // Both workers answered some of the five; the sixth try, even with the right password, meets the lock.
    const locked = await request(server, "POST", "/login", { form: { login: "staff@example.com", password: DEMO_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain("please try again in 1 minute");
  });

  test("a SIGKILL of one worker in the middle of concurrent replies loses no confirmed reply; another takes its place", async () => {
    const cookie = await signIn(server, "member@example.com");
    const thread = await openDiscussion(db);
    const victim = Number(server.logs.find((line) => line.event === "listening")!.pid);
    const confirmed: string[] = [];
    let killed = false;
    await Promise.all(
      Array.from({ length: 150 }, (_, i) => {
        const body = `survivor reply ${i}`;
        return request(server, "POST", `/threads/${thread.id}`, { cookie, form: { intent: "reply", body } }).then(
          (response) => {
            if (response.status === 302) confirmed.push(body);
            if (!killed && confirmed.length >= 40) {
              killed = true;
              process.kill(victim, "SIGKILL");
            }
          },
          () => undefined,
        );
      }),
    );
    expect(killed).toBe(true);
    const stored = new Set(await repliesLike(db, thread.id, "survivor reply "));
    expect(confirmed.filter((body) => !stored.has(body))).toEqual([]);
    // The primary starts a worker in the dead one's place, and the forum answers.
    await until(() => server.logs.some((line) => line.event === "worker-died"), 10_000);
    await until(() => server.logs.filter((line) => line.event === "listening").length === 3, 60_000);
    expect((await request(server, "GET", `/threads/${thread.id}`)).status).toBe(200);
    // SIGTERM drains both workers, and the primary exits cleanly.
    expect(await server.stop()).toMatchObject({ code: 0 });
  }, 120_000);
});
