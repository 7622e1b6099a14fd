import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~db/schema";
import { createPostgresDb } from "~db/postgres.server";
import { createSqliteDb } from "~db/sqlite.server";
import { threadPath } from "~/utils/slug";
import { startPostgresCluster, type PostgresCluster } from "../../scripts/postgres-cluster";
import { get, post, signIn, startServer, tempDbPath, type Server } from "./server";

/**
 * Two app processes on one database, each with its own page cache: a reply
 * posted through A drops the thread's cached page in B within 100 ms, and
 * leaves another thread's cached page in B in place. On SQLite B reads the
 * invalidation log; on PostgreSQL it hears A's NOTIFY.
 */

type Setup = { a: Server; b: Server; db: Kysely<Database>; stop: () => Promise<void> };

async function twoOpenDiscussions(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("threads")
    .select(["id", "title"])
    .where("kind", "=", "discussion")
    .where("locked", "=", 0)
    .where("closed_at", "is", null)
    .where("hidden_at", "is", null)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .limit(2)
    .execute();
  expect(rows).toHaveLength(2);
  return rows.map(threadPath);
}

/** What B's cache said about a page: "hit", "miss", or "unheard" (it could not trust its cache just then). */
const cached = async (server: Server, path: string) => {
  const response = await get(server, path);
  expect(response.status).toBe(200);
  const state = response.headers.get("x-page-cache");
  return { hit: state === "hit", state, html: await response.text() };
};

function suite(name: string, setUp: () => Promise<Setup>) {
  describe(name, () => {
    let setup: Setup;
    beforeAll(async () => {
      setup = await setUp();
    }, 60_000);
    afterAll(async () => {
      await setup?.stop();
    });

    it("a reply through A makes B's cached page of that thread miss within 100 ms, and only that thread's", async () => {
      const { a, b, db } = setup;
      const [replied, other] = await twoOpenDiscussions(db);
      for (const path of [replied!, other!]) {
        await cached(b, path);
        expect((await cached(b, path)).hit).toBe(true);
      }
      const cookie = await signIn(a, "member@example.com");
      const text = `Heard across processes ${Date.now()}`;
      const answer = await post(a, replied!, { intent: "reply", body: text }, { cookie });
      expect(answer.status).toBe(302);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await cached(b, replied!);
      expect(after.hit).toBe(false);
      expect(after.html).toContain(text);
      // The other thread's page is still cached. On a loaded machine B may for a moment not trust its cache
      // (its PostgreSQL heartbeat answered late: it renders rather than risk a stale page, and stores nothing),
      // so ask until it trusts it again: its first trusted answer must be a hit.
      const deadline = Date.now() + 5_000;
      let state = (await cached(b, other!)).state;
      while (state === "unheard" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await cached(b, other!)).state;
      }
      expect(state).toBe("hit");
    });
  });
}

suite("two processes on one SQLite file", async () => {
  const dbPath = tempDbPath("two-processes");
  const a = await startServer({ dbPath });
  const b = await startServer({ dbPath });
  const db = createSqliteDb(dbPath);
  return {
    a,
    b,
    db,
    stop: async () => {
      await db.destroy();
      await Promise.all([a.stop(), b.stop()]);
    },
  };
});

suite("two processes on one PostgreSQL database", async () => {
  const cluster: PostgresCluster = await startPostgresCluster();
  const admin = createPostgresDb(`${cluster.url}/postgres`, [], { max: 1 });
  await sql.raw("create database two_processes").execute(admin);
  await admin.destroy();
  const env = { DATABASE_URL: `${cluster.url}/two_processes` };
  const a = await startServer({ env });
  const b = await startServer({ env });
  const db = createPostgresDb(env.DATABASE_URL, [], { max: 1 });
  return {
    a,
    b,
    db,
    stop: async () => {
      await db.destroy();
      await Promise.all([a.stop(), b.stop()]);
      cluster.stop();
    },
  };
});
