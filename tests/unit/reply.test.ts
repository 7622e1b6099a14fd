import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createReply, editReply } from "~/models/post.server";
import { createTestReply, createTestThread, createTestUser, failUpdatesOf, getThreadRow, statusOf } from "./factories";

async function postRow(id: number) {
  return getDb().selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function replyCount(threadId: number): Promise<number> {
  return (await getDb().selectFrom("posts").select("id").where("thread_id", "=", threadId).execute()).length;
}

describe("replying", () => {
  it("stores the reply with its rendered HTML", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createReply(author, threadId, "Thanks, **that worked**! <img src=x onerror=alert(1)>");
    const post = await postRow(postId);
    expect(post).toMatchObject({ thread_id: threadId, author_id: author.id, edited_at: null });
    expect(post.body_html).toContain("<strong>that worked</strong>");
    expect(post.body_html).not.toMatch(/<img/);
  });

  it("increments the reply count and moves last activity to the reply's time", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    await getDb().updateTable("threads").set({ last_activity_at: 1_000 }).where("id", "=", threadId).execute();

    await createTestReply(await createTestUser(), threadId);
    await createTestReply(author, threadId);
    const thread = await getThreadRow(threadId);
    const latest = await getDb()
      .selectFrom("posts")
      .select("created_at")
      .where("thread_id", "=", threadId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(2);
    expect(thread.last_activity_at).toBe(latest.created_at);
  });

  it("writes the reply and the counters in one transaction", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const before = await getThreadRow(threadId);
    // Make the counter update fail after the reply row was inserted: the insert must roll back too.
    const restore = await failUpdatesOf("threads", "reply_count", "counter update failed");
    try {
      await expect(createReply(author, threadId, "This must not be stored.")).rejects.toThrow(/counter update failed/);
    } finally {
      await restore();
    }
    expect(await replyCount(threadId)).toBe(0);
    expect(await getThreadRow(threadId)).toMatchObject({
      reply_count: before.reply_count,
      last_activity_at: before.last_activity_at,
    });
  });

  it("asks a visitor to sign in (401) and stores nothing", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    expect(await statusOf(() => createReply(null, threadId, "Anonymous reply"))).toBe(401);
    expect(await replyCount(threadId)).toBe(0);
    expect((await getThreadRow(threadId)).reply_count).toBe(0);
  });

  it("refuses a suspended member with 403", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const suspended = await createTestUser({ suspendedUntil: Date.now() + 60_000 });
    expect(await statusOf(() => createReply(suspended, threadId, "Let me in"))).toBe(403);
    expect(await replyCount(threadId)).toBe(0);
  });

  it("refuses members on a locked thread with 403 but lets staff reply", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    await getDb().updateTable("threads").set({ locked: 1 }).where("id", "=", threadId).execute();
    expect(await statusOf(() => createReply(author, threadId, "Still here"))).toBe(403);
    await createReply(await createTestUser({ role: "staff" }), threadId, "Locked for now.");
    expect(await replyCount(threadId)).toBe(1);
  });

  it("refuses a hidden thread (403) and answers 404 for an unknown or deleted one", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    await getDb().updateTable("threads").set({ hidden_at: Date.now() }).where("id", "=", threadId).execute();
    expect(await statusOf(() => createReply(author, threadId, "Hello?"))).toBe(403);
    await getDb().updateTable("threads").set({ deleted_at: Date.now() }).where("id", "=", threadId).execute();
    expect(await statusOf(() => createReply(author, threadId, "Hello?"))).toBe(404);
    expect(await statusOf(() => createReply(author, 999_999, "Hello?"))).toBe(404);
    expect(await replyCount(threadId)).toBe(0);
  });
});

describe("editing a reply", () => {
  it("keeps the previous text as a revision", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId, "Frist!");
    expect(await editReply(author, postId, "First, *corrected*.")).toBe(threadId);

    const post = await postRow(postId);
    expect(post.body).toBe("First, *corrected*.");
    expect(post.body_html).toContain("<em>corrected</em>");
    expect(post.edited_at).not.toBeNull();
    const revisions = await getDb().selectFrom("revisions").selectAll().where("post_id", "=", postId).execute();
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ body: "Frist!", title: null, thread_id: null, editor_id: author.id });
  });

  it("does not record a revision when nothing changed", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId, "Same text");
    await editReply(author, postId, "Same text");
    expect(await getDb().selectFrom("revisions").select("id").where("post_id", "=", postId).execute()).toHaveLength(0);
    expect((await postRow(postId)).edited_at).toBeNull();
  });

  it.each([
    ["another member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403 and changes nothing", async (_who, makeActor) => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId, "My words");
    const actor = await makeActor();
    expect(await statusOf(() => editReply(actor, postId, "Someone else's words"))).toBe(403);
    expect(await postRow(postId)).toMatchObject({ body: "My words", edited_at: null });
    expect(await getDb().selectFrom("revisions").select("id").where("post_id", "=", postId).execute()).toHaveLength(0);
  });

  it("lets staff edit anyone's reply, keeping the revision with the editor's name", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const postId = await createTestReply(author, await createTestThread(author), "My words");
    await editReply(staff, postId, "Moderated words");
    expect(await postRow(postId)).toMatchObject({ body: "Moderated words", edited_by: staff.id });
    const revisions = await getDb().selectFrom("revisions").selectAll().where("post_id", "=", postId).execute();
    expect(revisions).toMatchObject([{ body: "My words", editor_id: staff.id }]);
  });

  it("answers 404 for an unknown reply", async () => {
    expect(await statusOf(async () => editReply(await createTestUser(), 999_999, "Hello"))).toBe(404);
  });
});
