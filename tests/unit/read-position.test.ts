import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { hideContent } from "~/models/moderation.server";
import { markSeenOnThreadPage } from "~/models/notification-inbox.server";
import { markProductRead, recordReadPosition, unreadIn } from "~/models/read-position.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

const position = async (userId: number, threadId: number) =>
  (
    await getDb()
      .selectFrom("thread_reads")
      .select("last_read_post_id")
      .where("user_id", "=", userId)
      .where("thread_id", "=", threadId)
      .executeTakeFirst()
  )?.last_read_post_id;

async function threadWithReplies(n: number, productId?: number) {
  const author = await createTestUser();
  const threadId = await createTestThread(author, { productId });
  const replies: number[] = [];
  for (let i = 0; i < n; i++) replies.push(await createTestReply(author, threadId, `Reply ${i + 1}`));
  return { author, threadId, replies };
}

describe("a member's place in a thread", () => {
  it("moves forward when a page is shown, never back", async () => {
    const { threadId, replies } = await threadWithReplies(3);
    const reader = await createTestUser();
    await markSeenOnThreadPage(reader, threadId, replies.slice(0, 2), true);
    expect(await position(reader.id, threadId)).toBe(replies[1]);
    await recordReadPosition(reader, threadId, replies[2]!);
    await markSeenOnThreadPage(reader, threadId, replies.slice(0, 1), true);
    expect(await position(reader.id, threadId)).toBe(replies[2]);
  });

  it("records nothing for a visitor", async () => {
    const { threadId } = await threadWithReplies(1);
    await markSeenOnThreadPage(null, threadId, [], true);
    const rows = await getDb().selectFrom("thread_reads").select("user_id").where("thread_id", "=", threadId).execute();
    expect(rows).toEqual([]);
  });
});

describe("unread replies in lists", () => {
  it("counts the replies after the member's place and names the first, for opened threads only, in one answer", async () => {
    const a = await threadWithReplies(2);
    const b = await threadWithReplies(1);
    const reader = await createTestUser();
    await markSeenOnThreadPage(reader, a.threadId, a.replies, true);
    const third = await createTestReply(a.author, a.threadId, "Reply 3");
    const fourth = await createTestReply(a.author, a.threadId, "Reply 4");
    const unread = await unreadIn(reader, [a.threadId, b.threadId]);
    expect(unread.get(a.threadId)).toEqual({ count: 2, firstUnreadPostId: third });
    expect(unread.has(b.threadId)).toBe(false);
    expect(fourth).toBeGreaterThan(third);
    expect((await unreadIn(null, [a.threadId])).size).toBe(0);
  });

  it("leaves out replies the member may not see", async () => {
    const { author, threadId, replies } = await threadWithReplies(1);
    const reader = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    await markSeenOnThreadPage(reader, threadId, replies, true);
    await markSeenOnThreadPage(staff, threadId, replies, true);
    const hidden = await createTestReply(author, threadId, "Spam");
    await hideContent(staff, { type: "post", id: hidden }, "spam");
    expect((await unreadIn(reader, [threadId])).has(threadId)).toBe(false);
    expect((await unreadIn(staff, [threadId])).get(threadId)?.count).toBe(1);
  });

  it("marks every opened thread of one product read, and no other product's", async () => {
    const product = await createTestProduct();
    const here = await threadWithReplies(1, product);
    const elsewhere = await threadWithReplies(1);
    const reader = await createTestUser();
    for (const t of [here, elsewhere]) {
      await markSeenOnThreadPage(reader, t.threadId, [], true);
      await createTestReply(t.author, t.threadId, "News");
    }
    await markProductRead(reader, product);
    const unread = await unreadIn(reader, [here.threadId, elsewhere.threadId]);
    expect(unread.has(here.threadId)).toBe(false);
    expect(unread.get(elsewhere.threadId)?.count).toBe(2);
    expect(await statusOf(() => markProductRead(null, product))).toBe(401);
    expect(await statusOf(() => markProductRead(reader, 999_999))).toBe(404);
  });
});
