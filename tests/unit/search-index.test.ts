import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteContent, hideContent, unhideContent } from "~/models/moderation.server";
import { editReply } from "~/models/post.server";
import { searchThreads } from "~/models/search.server";
import { indexPendingReplies } from "~/models/search-index.server";
import { createTestReply, createTestThread, createTestUser } from "./factories";

// Unit tests start no background jobs: a reply stays queued until a search or indexPendingReplies takes it.

async function queued(postId: number): Promise<boolean> {
  const row = await getDb().selectFrom("search_pending").select("post_id").where("post_id", "=", postId).executeTakeFirst();
  return row !== undefined;
}

async function indexRows(postId: number) {
  return getDb()
    .selectFrom("search_index")
    .select(["rowid", "body", "thread_id", "post_id"])
    .where("rowid", "=", postId * 2 + 1)
    .execute();
}

describe("replies waiting for the full-text index", () => {
  it("a reply is found by a search right after it is posted", async () => {
    const author = await createTestUser();
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    const reply = await createTestReply(author, thread, "the pangolin ledger balances");
    expect(await queued(reply)).toBe(true);
    expect(await indexRows(reply)).toEqual([]);

    const { results } = await searchThreads("pangolin");
    expect(results.map((r) => [r.id, r.href])).toEqual([[thread, `/posts/${reply}`]]);
    expect(await queued(reply)).toBe(false);
    expect(await indexRows(reply)).toEqual([
      { rowid: reply * 2 + 1, body: "the pangolin ledger balances", thread_id: thread, post_id: reply },
    ]);
  });

  it("a reply hidden while queued never matches until it is unhidden, and is indexed once", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    const reply = await createTestReply(author, thread, "an okapi spammed this");
    await hideContent(staff, { type: "post", id: reply }, "spam");

    expect(await indexPendingReplies()).toBe(1);
    expect(await indexRows(reply)).toEqual([]);
    expect((await searchThreads("okapi")).results).toEqual([]);

    await unhideContent(staff, { type: "post", id: reply });
    expect((await searchThreads("okapi")).results.map((r) => r.id)).toEqual([thread]);
    expect(await indexRows(reply)).toHaveLength(1);
  });

  it("a reply unhidden while still queued is indexed once", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    const reply = await createTestReply(author, thread, "a tapir came back");
    await hideContent(staff, { type: "post", id: reply }, "spam");
    await unhideContent(staff, { type: "post", id: reply });
    expect(await queued(reply)).toBe(true);

    expect(await indexPendingReplies()).toBe(1);
    expect(await indexRows(reply)).toHaveLength(1);
    expect((await searchThreads("tapir")).results.map((r) => r.id)).toEqual([thread]);
  });

  it("a reply edited while queued is indexed once, with its new text", async () => {
    const author = await createTestUser();
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    const reply = await createTestReply(author, thread, "first draft about a marmot");
    await editReply(author, reply, "second draft about a wolverine");

    expect(await indexPendingReplies()).toBe(1);
    expect((await indexRows(reply)).map((row) => row.body)).toEqual(["second draft about a wolverine"]);
    expect((await searchThreads("marmot")).results).toEqual([]);
    expect((await searchThreads("wolverine")).results.map((r) => r.id)).toEqual([thread]);
  });

  it("a reply deleted while queued never enters the index", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    const removed = await createTestReply(author, thread, "a removed dugong");
    const erased = await createTestReply(author, thread, "an erased dugong");
    await deleteContent(staff, { type: "post", id: removed }, "spam");
    await getDb().deleteFrom("posts").where("id", "=", erased).execute();
    expect(await queued(erased)).toBe(false);

    expect((await searchThreads("dugong")).results).toEqual([]);
    expect(await indexRows(removed)).toEqual([]);
    expect(await indexRows(erased)).toEqual([]);
    expect(await queued(removed)).toBe(false);
  });

  it("drains the whole queue in batches, oldest first", async () => {
    const author = await createTestUser();
    const thread = await createTestThread(author, { title: "Ordinary thread", body: "nothing" });
    await indexPendingReplies();
    const replies: number[] = [];
    for (let i = 0; i < 7; i++) replies.push(await createTestReply(author, thread, `numbat number ${i}`));

    expect(await indexPendingReplies(3)).toBe(7);
    expect(await getDb().selectFrom("search_pending").select("post_id").execute()).toEqual([]);
    for (const reply of replies) expect(await indexRows(reply)).toHaveLength(1);
    expect(await indexPendingReplies(3)).toBe(0);
    expect((await searchThreads("numbat")).results.map((r) => r.id)).toEqual([thread]);
  });
});
