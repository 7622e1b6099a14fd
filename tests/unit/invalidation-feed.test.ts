import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { canTrustCache, onInvalidation } from "~db/invalidation-bus.server";
import { createReply } from "~/models/post.server";
import { createTestThread, createTestUser, type TestActor } from "./factories";
import { heardWithin, startFeed, stopFeeds, writeFromAnotherProcess } from "./invalidation-helpers";

/**
 * How a process hears the writes of the others (db/invalidation-feed.server.ts),
 * on both engines. The engine's own machinery: invalidation-log.test.ts
 * (SQLite), invalidation-listen.test.ts (PostgreSQL).
 */
let author: TestActor;
beforeAll(async () => {
  author = await createTestUser();
});
afterEach(stopFeeds);

describe("hearing other processes' writes", () => {
  it("hears another process's write within 100 ms, with the tags it named", async () => {
    await startFeed();
    const heard = heardWithin(100, "thread:4242");
    await writeFromAnotherProcess("thread:4242 product:7");
    await heard;
    expect(canTrustCache()).toBe(true);
  });

  it("does not hear its own writes twice: they were dropped at commit", async () => {
    await startFeed();
    const thread = await createTestThread(author);
    const seen: string[][] = [];
    const off = onInvalidation((tags) => seen.push([...tags]));
    await createReply(author, thread, "Heard once.");
    await new Promise((resolve) => setTimeout(resolve, 150));
    off();
    expect(seen.filter((tags) => tags.includes(`thread:${thread}`))).toHaveLength(1);
  });
});
