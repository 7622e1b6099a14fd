import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Migrator } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "~db/client.server";
import { migrations } from "~db/migrations/index";
import { deleteContent, hideContent, moveThread, restoreContent, unhideContent } from "~/models/moderation.server";
import { listProducts } from "~/models/product.server";
import { createTestProduct, createTestThread, createTestUser } from "./factories";

async function threadCountOf(productId: number) {
  return (await listProducts({ includeArchived: true })).find((p) => p.id === productId)?.threadCount;
}

describe("a product's thread count (home page, /admin/products)", () => {
  it("leaves out a deleted thread and counts it again once restored", async () => {
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const kept = await createTestThread(staff, { productId });
    const deleted = await createTestThread(staff, { productId });
    expect(await threadCountOf(productId)).toBe(2);

    await deleteContent(staff, { type: "thread", id: deleted }, "Spam");
    expect(await threadCountOf(productId)).toBe(1);
    await restoreContent(staff, { type: "thread", id: deleted });
    expect(await threadCountOf(productId)).toBe(2);
    expect(kept).not.toBe(deleted);
  });

  it("counts a thread that is both hidden and deleted once it is neither", async () => {
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const threadId = await createTestThread(staff, { productId });
    await hideContent(staff, { type: "thread", id: threadId }, "Checking");
    await deleteContent(staff, { type: "thread", id: threadId }, "Spam");
    await unhideContent(staff, { type: "thread", id: threadId });
    expect(await threadCountOf(productId)).toBe(0);
    await restoreContent(staff, { type: "thread", id: threadId });
    expect(await threadCountOf(productId)).toBe(1);
  });

  it("moving a deleted thread changes neither product's count", async () => {
    const staff = await createTestUser({ role: "staff" });
    const [from, to] = [await createTestProduct(), await createTestProduct()];
    const threadId = await createTestThread(staff, { productId: from });
    await deleteContent(staff, { type: "thread", id: threadId }, "Spam");
    await moveThread(staff, threadId, to);
    expect([await threadCountOf(from), await threadCountOf(to)]).toEqual([0, 0]);
  });
});

describe("migration 0013", () => {
  it("recounts products whose count included threads deleted before it ran", async () => {
    const file = path.join(inject("databaseDir"), `${randomUUID()}.db`);
    const db = createDb(file);
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
      const thread = { product_id: product.id, author_id: user.id, kind: "discussion" as const, body: "b", body_html: "<p>b</p>", last_activity_at: 1, created_at: 1 };
      await db.insertInto("threads").values([{ ...thread, title: "Kept" }, { ...thread, title: "Deleted", deleted_at: 2 }]).execute();
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
