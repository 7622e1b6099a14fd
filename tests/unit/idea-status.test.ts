import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getTimeline, setIdeaStatus } from "~/models/idea-status.server";
import { saveSuccessMeasure } from "~/models/success-measure.server";
import { vote } from "~/models/vote.server";
import { Conflict, type DomainError } from "~/models/errors.server";
import { refusalStatus } from "~/http/refusals.server";
import { createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

async function idea() {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", title: "Bulk edit invoices" });
  return { author, staff, threadId };
}

const notificationsOf = (userId: number) =>
  getDb().selectFrom("notifications").selectAll().where("user_id", "=", userId).orderBy("id").execute();

describe("moving an idea through its lifecycle", () => {
  it("records each step on the public timeline, oldest first, with who and the note", async () => {
    const { staff, threadId } = await idea();
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
    await setIdeaStatus(staff, threadId, { status: "planned", note: "Planned for *March*." });
    await setIdeaStatus(staff, threadId, { status: "in_progress", note: "" });
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Out now." });

    const timeline = await getTimeline(threadId);
    expect(timeline.map((t) => [t.from, t.to])).toEqual([
      ["open", "under_review"],
      ["under_review", "planned"],
      ["planned", "in_progress"],
      ["in_progress", "shipped"],
    ]);
    expect(timeline[1]?.noteHtml).toContain("<em>March</em>");
    expect(timeline.every((t) => t.actorUsername !== null)).toBe(true);
    const thread = await getThreadRow(threadId);
    expect(thread.status).toBe("shipped");
    expect(thread.status_changed_at).toBe(timeline[3]?.createdAt);
  });

  it("lets staff skip steps forward and go one step back", async () => {
    const { staff, threadId } = await idea();
    await setIdeaStatus(staff, threadId, { status: "planned", note: "Decided in review." });
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "Needs another look." });
    expect((await getThreadRow(threadId)).status).toBe("under_review");
  });

  it("refuses to decline without a reason (400) and changes nothing", async () => {
    const { staff, threadId } = await idea();
    expect(await statusOf(() => setIdeaStatus(staff, threadId, { status: "declined", note: "   " }))).toBe(400);
    expect((await getThreadRow(threadId)).status).toBe("open");
    expect(await getTimeline(threadId)).toHaveLength(0);
  });

  it("declines with a reason, and a declined idea can be reopened", async () => {
    const { staff, threadId } = await idea();
    await setIdeaStatus(staff, threadId, { status: "declined", note: "Out of scope for Ledger." });
    await setIdeaStatus(staff, threadId, { status: "open", note: "" });
    expect((await getTimeline(threadId)).map((t) => t.to)).toEqual(["declined", "open"]);
  });

  it("treats shipped as final (409) and refuses the same status twice (409)", async () => {
    const { staff, threadId } = await idea();
    expect(await statusOf(() => setIdeaStatus(staff, threadId, { status: "open", note: "" }))).toBe(409);
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    expect(await statusOf(() => setIdeaStatus(staff, threadId, { status: "planned", note: "Decided in review." }))).toBe(409);
    expect(await getTimeline(threadId)).toHaveLength(1);
  });

  it("publishes a change sent twice at once (a double submit, two tabs) once: the second is refused next to the status field", async () => {
    const { author, staff, threadId } = await idea();
    const change = { status: "planned" as const, note: "Planned for May." };
    const results = await Promise.allSettled([setIdeaStatus(staff, threadId, change), setIdeaStatus(staff, threadId, change)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = results.find((r) => r.status === "rejected")?.reason as DomainError;
    expect(refusal).toBeInstanceOf(Conflict);
    expect([refusalStatus(refusal), refusal.fields, refusal.message]).toEqual([
      409,
      { status: "This idea is already planned." },
      "This idea is already planned.",
    ]);
    expect((await getTimeline(threadId)).map((t) => t.to)).toEqual(["planned"]);
    expect((await notificationsOf(author.id)).map((n) => n.detail)).toEqual(["planned"]);
  });

  it.each([
    ["the idea's author", "author"],
    ["another member", "member"],
    ["a visitor", "visitor"],
  ] as const)("is refused to %s with 403", async (_who, who) => {
    const { author, threadId } = await idea();
    const actor = who === "author" ? author : who === "member" ? await createTestUser() : null;
    expect(await statusOf(() => setIdeaStatus(actor, threadId, { status: "planned", note: "Decided in review." }))).toBe(403);
    expect((await getThreadRow(threadId)).status).toBe("open");
  });

  it("is refused for a question (400)", async () => {
    const author = await createTestUser();
    const question = await createTestThread(author, { kind: "question" });
    const staff = await createTestUser({ role: "staff" });
    expect(await statusOf(() => setIdeaStatus(staff, question, { status: "planned", note: "Decided in review." }))).toBe(400);
  });

  it("notifies voters and the author, never the staff member who made the change", async () => {
    const { author, staff, threadId } = await idea();
    const voter = await createTestUser();
    await vote(voter, threadId);
    await vote(staff, threadId);
    await setIdeaStatus(staff, threadId, { status: "planned", note: "Soon." });
    for (const person of [author, voter]) {
      const [entry] = await notificationsOf(person.id);
      expect(entry).toMatchObject({ kind: "status_changed", thread_id: threadId, detail: "planned", actor_id: staff.id });
    }
    expect(await notificationsOf(staff.id)).toHaveLength(0);
  });

  it("asks everyone who wrote a success measure for a verdict when it ships", async () => {
    const { staff, threadId } = await idea();
    const [withMeasure, without] = [await createTestUser(), await createTestUser()];
    await saveSuccessMeasure(withMeasure, threadId, "I can edit 50 invoices at once.");
    await vote(without, threadId);
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    expect((await notificationsOf(withMeasure.id)).map((n) => n.kind)).toEqual(["status_changed", "verdict_request"]);
    expect((await notificationsOf(without.id)).map((n) => n.kind)).toEqual(["status_changed"]);
  });
});
