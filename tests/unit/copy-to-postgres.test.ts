import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateToLatest } from "~db/client.server";
import type { Database } from "~db/schema";
import { seedDemo } from "~db/seed";
import { createSqliteDb } from "~db/sqlite.server";
import { createUser } from "~/models/user.server";
import { searchThreads } from "~/models/search.server";
import { copySqliteToPostgres } from "../../scripts/copy-to-postgres";

// PostgreSQL only: copies a SQLite forum into this test file's (empty, migrated) PostgreSQL database.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-copy-"));
const file = path.join(dir, "forum.db");
const DAY = 86_400_000;

/**
 * The demo forum, plus what a copy could get wrong: an idea merged into a
 * newer one, hidden and deleted posts, and a customer account owned by a
 * member of it (users and accounts point at each other).
 */
async function seedSource(db: Kysely<Database>) {
  await migrateToLatest(db);
  await seedDemo(db);
  const older = await db
    .selectFrom("threads")
    .select(["id", "product_id", "author_id"])
    .where("kind", "=", "idea")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const now = Date.now();
  const newer = await db
    .insertInto("threads")
    .values({
      ...older,
      id: undefined,
      kind: "idea",
      title: "A newer idea with Ünïcödé and 'quotes' \\ backslashes",
      body: '{"a": [1, 2]} zebu',
      body_html: "<p>zebu</p>",
      status: "open",
      last_activity_at: now,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("threads").set({ merged_into_id: newer.id }).where("id", "=", older.id).execute();
  const reply = await db.selectFrom("posts").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  await db
    .updateTable("posts")
    .set({ deleted_at: now - DAY, body: "a deleted zebu reply" })
    .where("id", "=", reply.id)
    .execute();
  await db
    .updateTable("threads")
    .set({ hidden_at: now, hidden_reason: "spam" })
    .where("id", "=", older.id + 1)
    .execute();
  const account = await db
    .insertInto("accounts")
    .values({ slug: "acme", name: "Acme", plan: "Enterprise", arr: 120_000, owner_id: older.author_id, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("account_domains").values({ domain: "acme.example", account_id: account.id }).execute();
  await db.updateTable("users").set({ account_id: account.id }).where("id", "=", older.author_id).execute();
}

function sourceRows(table: string, order: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    return db.prepare(`select * from "${table}" order by ${order}`).all();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const source = createSqliteDb(file);
  await seedSource(source);
  await source.destroy();
}, 30_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run db:copy-to-postgres", () => {
  it("copies every table, row for row, and the forum works on PostgreSQL afterwards", async () => {
    const url = process.env.DATABASE_URL!;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/copy-to-postgres.ts", "--from", file, "--to", url], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/every table's row count matches/);
    expect(run.stdout).toMatch(/threads\s+\d+ rows/);

    for (const [table, order] of [
      ["users", "id"],
      ["threads", "id"],
      ["posts", "id"],
      ["votes", "thread_id, user_id"],
      ["co_designers", "thread_id, user_id"],
      ["success_measures", "id"],
      ["status_changes", "id"],
      ["thread_tags", "thread_id, tag_id"],
      ["products", "id"],
      ["tags", "id"],
      ["subscriptions", "thread_id, user_id"],
      ["notifications", "id"],
      ["settings", "key"],
      ["accounts", "id"],
      ["account_domains", "domain"],
    ] as const) {
      const { rows } = await sql.raw(`select * from ${table} order by ${order}`).execute(getDb());
      expect(rows, table).toEqual(sourceRows(table, order));
    }
    const [copied] = sourceRows("threads", "id desc") as { id: number }[];
    // New rows continue after the copied ids.
    const created = await createUser({ username: "after-copy", email: "after-copy@example.com", password: "a long enough password" });
    expect(created).toBeGreaterThan((sourceRows("users", "id desc")[0] as { id: number }).id);
    // The search index was built: the newer idea is found, the deleted reply is not.
    const found = await searchThreads("zebu");
    expect(found.results.map((r) => [r.id, r.inReply])).toEqual([[copied!.id, false]]);
  }, 60_000);

  it("refuses a database that already holds rows, and writes nothing", async () => {
    const before = await sql<{ n: number }>`select count(*) as n from posts`.execute(getDb());
    await expect(copySqliteToPostgres(file, getDb())).rejects.toThrow(/already holds data \(\w+: \d+ rows\); copy into an empty database/);
    expect((await sql<{ n: number }>`select count(*) as n from posts`.execute(getDb())).rows).toEqual(before.rows);
  });
});
