import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { canTrustCache } from "~db/invalidation-bus.server";
import { PROCESS_ORIGIN } from "~db/invalidation.server";
import { createReply } from "~/models/post.server";
import { createTestThread, createTestUser, type TestActor } from "./factories";
import { feedErrors, heardWithin, startFeed, stopFeeds } from "./invalidation-helpers";

/** SQLite only: the invalidation log the processes on one file read (db/invalidation-feed.server.ts). */
let author: TestActor;
beforeAll(async () => {
  author = await createTestUser();
});
afterEach(stopFeeds);

describe("SQLite's invalidation log", () => {
  it("writes the tags of a committed transaction inside it, and nothing for one rolled back", async () => {
    const thread = await createTestThread(author);
    const before = await getDb()
      .selectFrom("page_invalidations")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst();
    await createReply(author, thread, "Logged.");
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("threads").set({ title: "Never" }).where("id", "=", thread).execute();
        throw new Error("rolled back");
      })
      .catch(() => {});
    const rows = await getDb()
      .selectFrom("page_invalidations")
      .select(["tags", "origin"])
      .where("id", ">", Number(before?.id ?? 0))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.origin).toBe(PROCESS_ORIGIN);
    expect(rows[0]!.tags.split(" ")).toContain(`thread:${thread}`);
  });

  it("drops everything when rows it never read were pruned", async () => {
    await startFeed();
    const heard = heardWithin(200, "*");
    // Ids far ahead of what it read: the rows between were pruned.
    const { id } = (await getDb()
      .selectFrom("page_invalidations")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst()) ?? { id: 0 };
    await getDb()
      .insertInto("page_invalidations")
      .values({ id: Number(id ?? 0) + 50, tags: "thread:1", origin: "another-process", created_at: Date.now() })
      .execute();
    await heard;
  });

  it("stops trusting the cache while it cannot read the log", async () => {
    await startFeed();
    await sql`alter table page_invalidations rename to page_invalidations_away`.execute(getDb());
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(canTrustCache()).toBe(false);
      expect(feedErrors.some((message) => /page_invalidations/.test(message))).toBe(true);
    } finally {
      await sql`alter table page_invalidations_away rename to page_invalidations`.execute(getDb());
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(canTrustCache()).toBe(true);
  });
});
