import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listAudit } from "~/models/audit.server";
import { flagContent, resolveFlags } from "~/models/flag.server";
import { acceptIdea, creditCoDesigner, removeCoDesigner } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { deleteContent, hideContent, moveThread, restoreContent, setThreadState, unhideContent } from "~/models/moderation.server";
import { editReply } from "~/models/post.server";
import { addStaffNote } from "~/models/staff-note.server";
import { liftSuspension, suspendUser } from "~/models/suspension.server";
import { editThread } from "~/models/thread.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

/**
 * Every staff action on ideas and every moderation tool leaves one audit
 * entry — who, what, when, on which thread — written with the change.
 */

async function entriesSince(id: number) {
  return getDb()
    .selectFrom("audit_log")
    .select([
      "actor_id as actorId",
      "action",
      "target_type as targetType",
      "target_id as targetId",
      "reason",
      "detail",
      "created_at as createdAt",
    ])
    .where("id", ">", id)
    .orderBy("id")
    .execute();
}

async function lastAuditId() {
  const row = await getDb()
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Runs one action and returns the audit entries it wrote. */
async function auditOf(action: () => Promise<unknown>) {
  const before = await lastAuditId();
  const startedAt = Date.now();
  await action();
  const entries = await entriesSince(before);
  for (const entry of entries) expect(entry.createdAt).toBeGreaterThanOrEqual(startedAt);
  return entries.map(({ createdAt: _createdAt, ...entry }) => entry);
}

async function setup() {
  const author = await createTestUser();
  const helper = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", title: "Audit me" });
  const replyId = await createTestReply(helper, threadId, "Make it weekly.");
  const username = async (id: number) =>
    (await getDb().selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;
  return { author, helper, staff, threadId, replyId, username };
}

const onThread = (threadId: number) => ({ targetType: "thread", targetId: threadId });

describe("the audit log of idea work", () => {
  it("records a status change with the public note and the step", async () => {
    const { staff, threadId } = await setup();
    expect(await auditOf(() => setIdeaStatus(staff, threadId, { status: "under_review", note: "Looking into it." }))).toEqual([
      { actorId: staff.id, action: "idea.status", ...onThread(threadId), reason: "Looking into it.", detail: "Open → Under review" },
    ]);
  });

  it("records accepting as co-designed and each credit given then, later, and taken back", async () => {
    const { author, helper, staff, threadId, username } = await setup();
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
    expect(await auditOf(() => acceptIdea(staff, threadId, [{ userId: helper.id, contribution: "Asked for weekly" }]))).toEqual([
      { actorId: staff.id, action: "idea.accept", ...onThread(threadId), reason: "", detail: "" },
      {
        actorId: staff.id,
        action: "idea.credit",
        ...onThread(threadId),
        reason: "",
        detail: `@${await username(author.id)}: Proposed the idea`,
      },
      {
        actorId: staff.id,
        action: "idea.credit",
        ...onThread(threadId),
        reason: "",
        detail: `@${await username(helper.id)}: Asked for weekly`,
      },
    ]);
    const later = await createTestUser();
    await createTestReply(later, threadId, "And daily, for the busy weeks.");
    expect(await auditOf(() => creditCoDesigner(staff, threadId, { userId: later.id, contribution: "Asked for daily too" }))).toEqual([
      {
        actorId: staff.id,
        action: "idea.credit",
        ...onThread(threadId),
        reason: "",
        detail: `@${await username(later.id)}: Asked for daily too`,
      },
    ]);
    expect(await auditOf(() => removeCoDesigner(staff, threadId, helper.id))).toEqual([
      { actorId: staff.id, action: "idea.uncredit", ...onThread(threadId), reason: "", detail: `@${await username(helper.id)}` },
    ]);
  });

  it("records a merge on the duplicate, naming the idea kept", async () => {
    const { author, staff, threadId } = await setup();
    const target = await createTestThread(author, { kind: "idea", title: "The one to keep" });
    expect(await auditOf(() => mergeIdea(staff, threadId, target))).toEqual([
      { actorId: staff.id, action: "idea.merge", ...onThread(threadId), reason: "", detail: `into #${target} The one to keep` },
    ]);
  });

  it("records a staff note without its text", async () => {
    const { staff, threadId } = await setup();
    const [entry] = await auditOf(() => addStaffNote(staff, threadId, "Finance asked twice."));
    expect(entry).toMatchObject({ actorId: staff.id, action: "idea.staff_note", ...onThread(threadId) });
    expect(JSON.stringify(entry)).not.toContain("Finance");
  });

  it("writes nothing when the change is refused", async () => {
    const { author, staff, threadId } = await setup();
    expect(await auditOf(() => statusOf(() => setIdeaStatus(staff, threadId, { status: "open", note: "" })))).toEqual([]);
    expect(await auditOf(() => statusOf(() => setIdeaStatus(author, threadId, { status: "planned", note: "Decided in review." })))).toEqual(
      [],
    );
    expect(await auditOf(() => statusOf(() => mergeIdea(staff, threadId, threadId)))).toEqual([]);
  });
});

describe("the audit log of flags and moderation tools", () => {
  it.each(["agree", "disagree", "dismiss"] as const)("records a flag decision (%s) on the reply", async (decision) => {
    const { staff, replyId } = await setup();
    await flagContent(await createTestUser(), { type: "post", id: replyId }, { reason: "spam", note: "" });
    expect(await auditOf(() => resolveFlags(staff, { type: "post", id: replyId }, decision))).toEqual([
      { actorId: staff.id, action: `flag.${decision}`, targetType: "post", targetId: replyId, reason: "", detail: "" },
    ]);
  });

  it("records every staff tool on a thread", async () => {
    const { staff, threadId } = await setup();
    const other = await createTestProduct({ name: "Elsewhere" });
    const ref = { type: "thread" as const, id: threadId };
    const steps: [string, () => Promise<void>][] = [
      ["thread.pin", () => setThreadState(staff, threadId, "pin")],
      ["thread.unpin", () => setThreadState(staff, threadId, "unpin")],
      ["thread.lock", () => setThreadState(staff, threadId, "lock", "Heated")],
      ["thread.unlock", () => setThreadState(staff, threadId, "unlock")],
      ["thread.close", () => setThreadState(staff, threadId, "close")],
      ["thread.reopen", () => setThreadState(staff, threadId, "reopen")],
      ["thread.move", () => moveThread(staff, threadId, other, "Wrong product")],
      ["thread.hide", () => hideContent(staff, ref, "Checking")],
      ["thread.unhide", () => unhideContent(staff, ref)],
      ["thread.delete", () => deleteContent(staff, ref, "Spam")],
      ["thread.restore", () => restoreContent(staff, ref)],
    ];
    for (const [action, run] of steps) {
      const entries = await auditOf(run);
      expect(entries).toEqual([expect.objectContaining({ actorId: staff.id, action, ...onThread(threadId) })]);
    }
  });

  it("records every staff tool on a reply, and the audit page names the reply's thread", async () => {
    const { staff, threadId, replyId } = await setup();
    const ref = { type: "post" as const, id: replyId };
    for (const [action, run] of [
      ["post.hide", () => hideContent(staff, ref, "Checking")],
      ["post.unhide", () => unhideContent(staff, ref)],
      ["post.delete", () => deleteContent(staff, ref, "Spam")],
      ["post.restore", () => restoreContent(staff, ref)],
    ] as const) {
      expect(await auditOf(run)).toEqual([expect.objectContaining({ actorId: staff.id, action, targetType: "post", targetId: replyId })]);
    }
    const { entries } = await listAudit(staff, { action: "post.restore" });
    expect(entries[0]).toMatchObject({ targetType: "post", targetId: replyId, postThreadId: threadId });
  });

  it("records staff editing someone else's thread or reply, but not authors editing their own", async () => {
    const { author, helper, staff, threadId, replyId } = await setup();
    expect(await auditOf(() => editThread(staff, threadId, { title: "Audit me, edited", body: "Tidied by staff." }))).toEqual([
      { actorId: staff.id, action: "thread.edit", ...onThread(threadId), reason: "", detail: "" },
    ]);
    expect(await auditOf(() => editReply(staff, replyId, "Tidied by staff."))).toEqual([
      { actorId: staff.id, action: "post.edit", targetType: "post", targetId: replyId, reason: "", detail: "" },
    ]);
    expect(await auditOf(() => editThread(author, threadId, { title: "Audit me again", body: "My own words." }))).toEqual([]);
    expect(await auditOf(() => editReply(helper, replyId, "My own words."))).toEqual([]);
  });

  it("records suspending a member and lifting it", async () => {
    const { staff, helper } = await setup();
    const suspend = await auditOf(() => suspendUser(staff, helper.id, { until: Date.now() + 86_400_000, reason: "Spam links" }));
    expect(suspend).toEqual([
      expect.objectContaining({ actorId: staff.id, action: "user.suspend", targetType: "user", targetId: helper.id }),
    ]);
    expect(await auditOf(() => liftSuspension(staff, helper.id))).toEqual([
      expect.objectContaining({ actorId: staff.id, action: "user.unsuspend", targetType: "user", targetId: helper.id }),
    ]);
  });
});
