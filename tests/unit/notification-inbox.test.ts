import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { acceptIdea } from "~/models/idea.server";
import { countUnread } from "~/models/notification.server";
import { listNotifications, markRead, markSeenOnThreadPage, openNotification } from "~/models/notification-inbox.server";
import { saveSuccessMeasure } from "~/models/success-measure.server";
import { getThreadPage } from "~/models/thread.server";
import { threadPath } from "~/utils/slug";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

// Issue 14: notifications never became read. Following one, or seeing what it points at, reads it; several about
// one thread make one line; each link lands on the exact place.

async function threadWithReplies(count: number, title = "Month-end checklist") {
  const author = await createTestUser();
  const helper = await createTestUser();
  const threadId = await createTestThread(author, { title });
  const replies: number[] = [];
  for (let n = 1; n <= count; n++) replies.push(await createTestReply(helper, threadId, `Tip number ${n}`));
  return { author, helper, threadId, replies, path: threadPath({ id: threadId, title }) };
}

const unreadOf = async (userId: number, threadId: number) =>
  (
    await getDb()
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", userId)
      .where("thread_id", "=", threadId)
      .where("read_at", "is", null)
      .execute()
  ).length;

describe("the notifications page", () => {
  it("groups several replies to one thread into one line that leads to the first unread reply", async () => {
    const { author, threadId, replies, path } = await threadWithReplies(3);
    const other = await threadWithReplies(0, "Another thread");
    await createTestReply(await createTestUser(), other.threadId, "Hello");
    const lines = await listNotifications(author);
    expect(lines.map((l) => [l.sentence, l.count, l.unread])).toEqual([["3 new replies in “Month-end checklist”", 3, true]]);

    expect(await openNotification(author, lines[0]!.id)).toBe(`${path}#post-${replies[0]}`);
    expect(await unreadOf(author.id, threadId)).toBe(0);
    const after = await listNotifications(author);
    expect(after.map((l) => [l.sentence, l.unread])).toEqual([["3 replies in “Month-end checklist”", false]]);
  });

  it("keeps an unread line apart from the read ones of the same thread", async () => {
    const { author, helper, threadId } = await threadWithReplies(2);
    await openNotification(author, (await listNotifications(author))[0]!.id);
    await createTestReply(helper, threadId, "One more tip");
    const lines = await listNotifications(author);
    expect(lines.map((l) => l.unread)).toEqual([true, false]);
    expect(lines[0]!.sentence).toMatch(/replied to “Month-end checklist”$/);
    expect(lines[1]!.sentence).toBe("2 replies in “Month-end checklist”");
  });

  it("marks one line read with its button, leaving the others", async () => {
    const first = await threadWithReplies(2, "First");
    const reader = first.author;
    const second = await createTestThread(reader, { title: "Second" });
    await createTestReply(first.helper, second, "A reply");
    const lines = await listNotifications(reader);
    await markRead(reader, lines.find((l) => l.sentence.includes("First"))!.id);
    expect(await unreadOf(reader.id, first.threadId)).toBe(0);
    expect(await unreadOf(reader.id, second)).toBe(1);
  });

  it("refuses another member's notification (404) and visitors (401)", async () => {
    const { author } = await threadWithReplies(1);
    const id = (await listNotifications(author))[0]!.id;
    const stranger = await createTestUser();
    expect(await statusOf(() => openNotification(stranger, id))).toBe(404);
    expect(await statusOf(() => openNotification(null, id))).toBe(401);
    expect(await countUnread(author)).toBe(1);
  });
});

describe("each notification lands on the exact place", () => {
  it("a reply on the second page of its thread", async () => {
    const { author, helper, threadId, path } = await threadWithReplies(55);
    await openNotification(author, (await listNotifications(author))[0]!.id);
    const late = await createTestReply(helper, threadId, "Late tip");
    const line = (await listNotifications(author))[0]!;
    expect(await openNotification(author, line.id)).toBe(`${path}?page=2#post-${late}`);
  });

  it("a status change on the timeline, a credit on the credits, a verdict request on the verdict form", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const threadId = await createTestThread(author, { kind: "idea", title: "Scheduled exports" });
    const path = threadPath({ id: threadId, title: "Scheduled exports" });
    await saveSuccessMeasure(author, threadId, "I get the export every Monday without asking.");
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
    const [status] = await listNotifications(author);
    expect(status!.sentence).toBe("“Scheduled exports” is now under review");
    expect(await openNotification(author, status!.id)).toBe(`${path}#timeline`);

    await acceptIdea(staff, threadId);
    const [credit] = await listNotifications(author);
    expect(await openNotification(author, credit!.id)).toBe(`${path}#codesigners`);

    for (const next of ["planned", "in_progress", "shipped"] as const)
      await setIdeaStatus(staff, threadId, { status: next, note: "Decided." });
    const lines = await listNotifications(author);
    const verdict = lines.find((l) => l.kind === "verdict_request")!;
    expect(await openNotification(author, verdict.id)).toBe(`${path}#verdict`);
    const changes = lines.find((l) => l.kind === "status_changed" && l.unread)!;
    expect(changes.sentence).toBe("“Scheduled exports” changed status 3 times and is now shipped");
  });
});

describe("seeing a thread page reads what it shows", () => {
  it("the replies on the page shown, not those on a later page", async () => {
    const { author, threadId } = await threadWithReplies(52);
    const page = await getThreadPage(threadId, author);
    await markSeenOnThreadPage(
      author,
      threadId,
      page.replies.map((r) => r.id),
      true,
    );
    expect(await unreadOf(author.id, threadId)).toBe(2);
    const second = await getThreadPage(threadId, author, 2);
    await markSeenOnThreadPage(
      author,
      threadId,
      second.replies.map((r) => r.id),
      false,
    );
    expect(await unreadOf(author.id, threadId)).toBe(0);
  });

  it("a visitor marks nothing", async () => {
    const { author, threadId } = await threadWithReplies(1);
    await markSeenOnThreadPage(null, threadId, [], true);
    expect(await unreadOf(author.id, threadId)).toBe(1);
  });
});
