import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Migrator } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { createSqliteDb } from "~db/sqlite.server";
import { migrations } from "~db/migrations/index";

// SQLite's own migration history: PostgreSQL starts from a baseline (db/migrations-pg/).
describe("migration 0013", () => {
  it("recounts products whose count included threads deleted before it ran", async () => {
    const file = path.join(inject("databaseDir"), `${randomUUID()}.db`);
    const db = createSqliteDb(file);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const before = await migrator.migrateTo("0011_search_queue");
      expect(before.error).toBeUndefined();
      const user = await db
        .insertInto("users")
        .values({ username: "old", email: "old@example.com", password_hash: "x", role: "staff", created_at: 1, suspended_until: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const product = await db
        .insertInto("products")
        .values({ slug: "old", name: "Old", description: "", position: 1, created_at: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      const thread = {
        product_id: product.id,
        author_id: user.id,
        kind: "discussion" as const,
        body: "b",
        body_html: "<p>b</p>",
        last_activity_at: 1,
        created_at: 1,
      };
      await db
        .insertInto("threads")
        .values([
          { ...thread, title: "Kept" },
          { ...thread, title: "Deleted", deleted_at: 2 },
        ])
        .execute();
      const stale = await db.selectFrom("products").select("thread_count").executeTakeFirstOrThrow();
      expect(stale.thread_count).toBe(2);

      const after = await migrator.migrateToLatest();
      expect(after.error).toBeUndefined();
      const recounted = await db.selectFrom("products").select("thread_count").executeTakeFirstOrThrow();
      expect(recounted.thread_count).toBe(1);
    } finally {
      await db.destroy();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    }
  });
});
