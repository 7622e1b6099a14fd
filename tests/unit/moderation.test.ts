import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listAudit } from "~/models/audit.server";
import { deleteContent, hideContent, moveThread, restoreContent, setThreadState, unhideContent } from "~/models/moderation.server";
import { createReply, editReply } from "~/models/post.server";
import { getHistory } from "~/models/revision.server";
import { liftSuspension, suspendUser } from "~/models/suspension.server";
import { getThreadPage } from "~/models/thread.server";
import { vote } from "~/models/vote.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

async function setup() {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea" });
  return { author, staff, threadId };
}

const thread = (id: number) => ({ type: "thread" as const, id });

describe("staff tools on threads", () => {
  it("lock stops replies from members (403) but not staff; unlock allows them again", async () => {
    const { author, staff, threadId } = await setup();
    await setThreadState(staff, threadId, "lock", "Resolved");
    expect(await statusOf(() => createReply(author, threadId, "One more thing"))).toBe(403);
    await createReply(staff, threadId, "Staff can still answer.");
    await setThreadState(staff, threadId, "unlock");
    await createReply(author, threadId, "Thanks!");
    expect((await getThreadRow(threadId)).reply_count).toBe(2);
  });

  it("close stops replies and votes; pin puts the thread first in its product", async () => {
    const { author, staff, threadId } = await setup();
    await setThreadState(staff, threadId, "close");
    expect(await statusOf(async () => vote(await createTestUser(), threadId))).toBe(403);
    expect(await statusOf(() => createReply(author, threadId, "Hello?"))).toBe(403);
    await setThreadState(staff, threadId, "pin");
    expect((await getThreadRow(threadId)).pinned).toBe(1);
    expect(await statusOf(() => setThreadState(staff, threadId, "pin"))).toBe(409);
  });

  it("move sends a thread to another product, and refuses a missing one (404)", async () => {
    const { staff, threadId } = await setup();
    const other = await createTestProduct();
    await moveThread(staff, threadId, other, "Belongs to the other product");
    expect((await getThreadRow(threadId)).product_id).toBe(other);
    expect(await statusOf(() => moveThread(staff, threadId, 999_999))).toBe(404);
  });

  it("delete is soft: gone for everyone but staff, restorable, with the reason kept", async () => {
    const { staff, threadId } = await setup();
    await deleteContent(staff, thread(threadId), "Duplicate of another thread");
    expect(await getThreadRow(threadId)).toMatchObject({ delete_reason: "Duplicate of another thread", deleted_by: staff.id });
    expect(await statusOf(() => getThreadPage(threadId, null))).toBe(404);
    expect((await getThreadPage(threadId, staff)).thread.deleteReason).toBe("Duplicate of another thread");
    await restoreContent(staff, thread(threadId));
    expect((await getThreadPage(threadId, null)).thread.id).toBe(threadId);
  });

  it("a deleted reply leaves the reply count, and comes back with it", async () => {
    const { author, staff, threadId } = await setup();
    const postId = await createTestReply(author, threadId);
    await deleteContent(staff, { type: "post", id: postId }, "Off-topic");
    expect((await getThreadRow(threadId)).reply_count).toBe(0);
    await restoreContent(staff, { type: "post", id: postId });
    expect((await getThreadRow(threadId)).reply_count).toBe(1);
  });

  it("hide and unhide change what visitors see", async () => {
    const { staff, threadId } = await setup();
    await hideContent(staff, thread(threadId), "Under review");
    expect((await getThreadPage(threadId, null)).hidden).toEqual({ reason: "", placeholder: true });
    await unhideContent(staff, thread(threadId));
    expect((await getThreadPage(threadId, null)).hidden).toBeNull();
  });

  it.each(["member", "author", "visitor"] as const)("are refused to a %s (403) and change nothing", async (who) => {
    const { author, threadId } = await setup();
    const actor = who === "author" ? author : who === "member" ? await createTestUser() : null;
    expect(await statusOf(() => setThreadState(actor, threadId, "lock"))).toBe(403);
    expect(await statusOf(() => deleteContent(actor, thread(threadId), "spam"))).toBe(403);
    expect(await statusOf(() => hideContent(actor, thread(threadId), "spam"))).toBe(403);
    expect(await getThreadRow(threadId)).toMatchObject({ locked: 0, deleted_at: null, hidden_at: null });
  });

  it("every staff action is in the audit log with who, what and why", async () => {
    const { staff, threadId } = await setup();
    await setThreadState(staff, threadId, "lock", "Heated");
    await hideContent(staff, thread(threadId), "Personal data");
    const { entries } = await listAudit(staff, {
      actor: (await getDb().selectFrom("users").select("username").where("id", "=", staff.id).executeTakeFirstOrThrow()).username,
    });
    expect(entries.map((e) => [e.action, e.targetId, e.reason])).toEqual([
      ["thread.hide", threadId, "Personal data"],
      ["thread.lock", threadId, "Heated"],
    ]);
    expect(await statusOf(async () => listAudit(await createTestUser()))).toBe(403);
  });
});

describe("the reason staff hid something", () => {
  it("reaches staff and the author only, never a visitor's or another member's page data", async () => {
    const { author, staff, threadId } = await setup();
    const replier = await createTestUser();
    const postId = await createTestReply(replier, threadId, "Buy watches");
    const reason = "matches the spam ring from March (see staff notes)";
    await hideContent(staff, { type: "post", id: postId }, reason);
    await hideContent(staff, thread(threadId), reason);
    for (const viewer of [null, await createTestUser()]) {
      const page = await getThreadPage(threadId, viewer);
      expect(JSON.stringify(page)).not.toContain("spam ring");
      expect(page.hidden).toEqual({ reason: "", placeholder: true });
    }
    const asReplier = await getThreadPage(threadId, replier);
    expect(JSON.stringify(asReplier.thread)).not.toContain("spam ring");
    expect(asReplier.hidden).toEqual({ reason: "", placeholder: true });
    expect((await getThreadPage(threadId, author)).hidden).toEqual({ reason, placeholder: false });
    const asStaff = await getThreadPage(threadId, staff);
    expect(asStaff.replies.find((r) => r.id === postId)?.hidden).toEqual({ reason, placeholder: false });
  });

  it("of a hidden reply reaches its author, but not others who can read the thread", async () => {
    const { author, staff, threadId } = await setup();
    const replier = await createTestUser();
    const postId = await createTestReply(replier, threadId, "Buy watches");
    await hideContent(staff, { type: "post", id: postId }, "a reason for staff eyes");
    const asOther = await getThreadPage(threadId, author);
    expect(asOther.replies.find((r) => r.id === postId)?.hidden).toEqual({ reason: "", placeholder: true });
    expect(JSON.stringify(await getThreadPage(threadId, null))).not.toContain("staff eyes");
    expect((await getThreadPage(threadId, replier)).replies.find((r) => r.id === postId)?.hidden).toEqual({
      reason: "a reason for staff eyes",
      placeholder: false,
    });
  });
});

describe("edit history", () => {
  it("keeps every earlier version with who replaced it, staff edits included", async () => {
    const { author, staff, threadId } = await setup();
    const postId = await createTestReply(author, threadId, "First draft");
    await editReply(author, postId, "Second draft");
    await editReply(staff, postId, "Staff's wording");
    const history = await getHistory(null, { type: "post", id: postId });
    expect(history.current).toMatchObject({ body: "Staff's wording" });
    expect(history.earlier.map((v) => [v.body, v.replacedBy === history.author])).toEqual([
      ["Second draft", false],
      ["First draft", true],
    ]);
  });

  it("of a hidden post is for those who may see the post: staff and its author; others get a 404", async () => {
    const { author, staff, threadId } = await setup();
    await hideContent(staff, thread(threadId), "Spam");
    expect(await statusOf(async () => getHistory(await createTestUser(), thread(threadId)))).toBe(404);
    expect(await statusOf(() => getHistory(null, thread(threadId)))).toBe(404);
    expect((await getHistory(author, thread(threadId))).current.body).toBeTruthy();
    expect((await getHistory(staff, thread(threadId))).current.body).toBeTruthy();
  });
});

describe("suspension", () => {
  it("ends the member's sessions and stops them posting until lifted", async () => {
    const { author, staff, threadId } = await setup();
    await getDb()
      .insertInto("sessions")
      .values({ id: "s1", user_id: author.id, expires_at: Date.now() + 3_600_000, created_at: Date.now() })
      .execute();
    await suspendUser(staff, author.id, { until: Date.now() + 86_400_000, reason: "Cooling off" });
    expect(await getDb().selectFrom("sessions").select("id").where("user_id", "=", author.id).execute()).toHaveLength(0);
    const suspended = { ...author, suspendedUntil: Date.now() + 86_400_000 };
    expect(await statusOf(() => createReply(suspended, threadId, "Let me in"))).toBe(403);
    await liftSuspension(staff, author.id);
    const row = await getDb()
      .selectFrom("users")
      .select(["suspended_until", "suspended_reason"])
      .where("id", "=", author.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ suspended_until: null, suspended_reason: null });
  });

  it("can't touch an admin, a staff member suspended by staff, or oneself (403)", async () => {
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    const otherStaff = await createTestUser({ role: "staff" });
    const until = { until: Date.now() + 86_400_000, reason: "no" };
    expect(await statusOf(() => suspendUser(staff, admin.id, until))).toBe(403);
    expect(await statusOf(() => suspendUser(admin, admin.id, until))).toBe(403);
    expect(await statusOf(() => suspendUser(staff, otherStaff.id, until))).toBe(403);
    expect(await statusOf(() => suspendUser(staff, staff.id, until))).toBe(403);
    await suspendUser(admin, otherStaff.id, until);
  });

  it("needs a future date (400)", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    expect(await statusOf(() => suspendUser(staff, member.id, { until: Date.now() - 1, reason: "late" }))).toBe(400);
  });
});
