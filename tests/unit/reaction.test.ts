import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { hideContent } from "~/models/moderation.server";
import { listNotifications } from "~/models/notification-inbox.server";
import { like, likesOnPage, unlike } from "~/models/reaction.server";
import { getThreadPage } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

const post = (id: number) => ({ type: "post" as const, id });
const opening = (id: number) => ({ type: "thread" as const, id });

async function setup() {
  const author = await createTestUser();
  const threadId = await createTestThread(author, { title: "Exports time out" });
  const replier = await createTestUser();
  const replyId = await createTestReply(replier, threadId);
  return { author, replier, threadId, replyId };
}

const likeRows = (postId: number) => getDb().selectFrom("reactions").select("user_id").where("post_id", "=", postId).execute();

describe("liking a post", () => {
  it("counts one like per member on the thread page, and takes it back", async () => {
    const { threadId, replyId } = await setup();
    const [a, b] = [await createTestUser(), await createTestUser()];
    await like(a, post(replyId));
    await like(a, post(replyId));
    await like(b, post(replyId));
    await like(b, opening(threadId));
    const page = await getThreadPage(threadId, a);
    expect(page.replies[0]!.likes).toEqual({ count: 2, mine: true });
    expect(page.thread.likes).toEqual({ count: 1, mine: false });
    await unlike(a, post(replyId));
    await unlike(a, post(replyId));
    expect((await getThreadPage(threadId, a)).replies[0]!.likes).toEqual({ count: 1, mine: false });
    expect(await likeRows(replyId)).toEqual([{ user_id: b.id }]);
  });

  it("keeps one row per member when the same like arrives twice at once", async () => {
    const { replyId } = await setup();
    const member = await createTestUser();
    await Promise.all([like(member, post(replyId)), like(member, post(replyId)), like(member, post(replyId))]);
    expect(await likeRows(replyId)).toHaveLength(1);
  });

  it("refuses one's own post, a hidden post, and a visitor", async () => {
    const { author, replier, threadId, replyId } = await setup();
    const staff = await createTestUser({ role: "staff" });
    expect(await statusOf(() => like(replier, post(replyId)))).toBe(403);
    expect(await statusOf(() => like(author, opening(threadId)))).toBe(403);
    expect(await statusOf(() => like(null, post(replyId)))).toBe(401);
    expect(await statusOf(() => like(author, post(999_999)))).toBe(404);
    await hideContent(staff, post(replyId), "spam");
    expect(await statusOf(() => like(author, post(replyId)))).toBe(404);
    expect(await statusOf(() => like(staff, post(replyId)))).toBe(403);
    expect(await likeRows(replyId)).toHaveLength(0);
  });

  it("reads the likes of a whole page in one grouped answer", async () => {
    const { threadId, replyId, replier } = await setup();
    const other = await createTestReply(replier, threadId);
    const member = await createTestUser();
    await like(member, post(replyId));
    const likes = await likesOnPage(member, threadId, [replyId, other]);
    expect(likes.get(replyId)).toEqual({ count: 1, mine: true });
    expect(likes.get(other)).toBeUndefined();
  });
});

describe("the author hears of likes, grouped", () => {
  it("says who and how many others liked the reply, one line per post", async () => {
    const { replier, replyId } = await setup();
    const first = await createTestUser();
    await like(first, post(replyId));
    for (let i = 0; i < 3; i++) await like(await createTestUser(), post(replyId));
    const last = await createTestUser({ username: "priya" });
    await like(last, post(replyId));
    const lines = await listNotifications(replier);
    const likes = lines.filter((line) => line.kind === "like");
    expect(likes).toHaveLength(1);
    expect(likes[0]!.sentence).toBe("priya and 4 others liked your reply in “Exports time out”");
    expect(likes[0]!.count).toBe(5);
  });

  it("tells once when a member likes, takes it back and likes again", async () => {
    const { author, threadId } = await setup();
    const member = await createTestUser({ username: "sam" });
    await like(member, opening(threadId));
    await unlike(member, opening(threadId));
    await like(member, opening(threadId));
    const rows = await getDb()
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", author.id)
      .where("kind", "=", "like")
      .execute();
    expect(rows).toHaveLength(1);
    const [line] = (await listNotifications(author)).filter((l) => l.kind === "like");
    expect(line!.sentence).toBe("sam liked your post in “Exports time out”");
  });
});
