import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { onInvalidation } from "~db/invalidation-bus.server";
import { reaskVerdicts } from "~/jobs/reask-verdicts.server";
import { openFollowUp } from "~/models/follow-up.server";
import { getTimeline, setIdeaStatus } from "~/models/idea-status.server";
import { acceptIdea, getIdeaDetails } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { answerMeasureCheck, askMeasureCheck, scopeMeasure } from "~/models/measure-review.server";
import { coDesignerImpact, getLedger, listAccountsAtRisk } from "~/models/success-ledger.server";
import { giveVerdict, listSuccessMeasures, saveSuccessMeasure } from "~/models/success-measure.server";
import { createTestAccount, createTestThread, createTestUser, refusalOf, statusOf, type TestActor } from "./factories";

const DAY = 86_400_000;
const note = "Decided in review.";

async function ideaWithMeasure(title = "Faster month-end close") {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const owner = await createTestUser();
  const threadId = await createTestThread(author, { kind: "idea", title });
  await saveSuccessMeasure(owner, threadId, "I close the month in one day.");
  const measureId = (await measureOf(threadId, owner.id)).id;
  return { author, staff, owner, threadId, measureId };
}

const measureOf = (threadId: number, userId: number) =>
  getDb()
    .selectFrom("success_measures")
    .selectAll()
    .where("thread_id", "=", threadId)
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();

const notificationsOf = (userId: number) =>
  getDb().selectFrom("notifications").select(["kind", "detail", "thread_id"]).where("user_id", "=", userId).orderBy("id").execute();

const emailsOf = (userId: number) => getDb().selectFrom("email_outbox").select(["kind", "subject"]).where("user_id", "=", userId).execute();

async function ship(staff: TestActor, threadId: number) {
  await setIdeaStatus(staff, threadId, { status: "shipped", note: "Out now." });
}

describe("decisions need a public note", () => {
  it("refuses planning, declining or shipping without a note, next to the note (400), and moves nothing", async () => {
    const { staff, threadId } = await ideaWithMeasure();
    for (const status of ["planned", "declined", "shipped"] as const) {
      const refusal = await refusalOf(() => setIdeaStatus(staff, threadId, { status, note: "  " }));
      expect(refusal).toMatchObject({ status: 400, field: "note" });
    }
    expect((await getDb().selectFrom("threads").select("status").where("id", "=", threadId).executeTakeFirstOrThrow()).status).toBe("open");
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
  });
});

describe("scope at planning and the check before shipping", () => {
  it("lets staff scope a measure with a public reason once planned; its owner is notified", async () => {
    const { staff, owner, threadId, measureId } = await ideaWithMeasure();
    expect(await statusOf(() => scopeMeasure(staff, threadId, { measureId, scope: "partly", reason: "Soon." }))).toBe(403);
    await setIdeaStatus(staff, threadId, { status: "planned", note });
    expect(await refusalOf(() => scopeMeasure(staff, threadId, { measureId, scope: "partly", reason: " " }))).toMatchObject({
      status: 400,
      field: "reason",
    });
    expect(await statusOf(() => scopeMeasure(owner, threadId, { measureId, scope: "in", reason: "Mine." }))).toBe(403);
    await scopeMeasure(staff, threadId, { measureId, scope: "partly", reason: "One-day close needs the bank feeds too; they come next." });
    expect(await measureOf(threadId, owner.id)).toMatchObject({
      scope: "partly",
      scope_reason: "One-day close needs the bank feeds too; they come next.",
    });
    expect((await notificationsOf(owner.id)).at(-1)).toMatchObject({
      kind: "measure_update",
      detail: "marked your measure partly in scope",
    });
    const [shown] = await listSuccessMeasures(threadId, null);
    expect(shown).toMatchObject({ scope: "partly", scopeReason: "One-day close needs the bank feeds too; they come next." });
  });

  it("refuses a measure of another idea (404)", async () => {
    const one = await ideaWithMeasure();
    const other = await ideaWithMeasure();
    await setIdeaStatus(one.staff, one.threadId, { status: "planned", note });
    expect(await statusOf(() => scopeMeasure(one.staff, one.threadId, { measureId: other.measureId, scope: "in", reason: "Yes." }))).toBe(
      404,
    );
  });

  it("asks every owner while in progress; the answers show to staff and the owner only", async () => {
    const { staff, owner, threadId } = await ideaWithMeasure();
    const second = await createTestUser();
    await saveSuccessMeasure(second, threadId, "Reports run in under a minute.");
    expect(await statusOf(() => askMeasureCheck(staff, threadId, "https://design.example.com/close"))).toBe(403);
    await setIdeaStatus(staff, threadId, { status: "in_progress", note: "" });
    expect(await statusOf(() => askMeasureCheck(owner, threadId, "Mine"))).toBe(403);
    expect(await statusOf(() => answerMeasureCheck(owner, threadId, { answer: "yes", comment: "" }))).toBe(403);
    expect(await askMeasureCheck(staff, threadId, "https://design.example.com/close")).toBe(2);
    expect((await notificationsOf(second.id)).at(-1)?.kind).toBe("measure_update");
    await answerMeasureCheck(owner, threadId, { answer: "partly", comment: "Needs the bank feeds." });
    const seenBy = async (viewer: TestActor | null) =>
      (await listSuccessMeasures(threadId, viewer)).find((m) => m.userId === owner.id)?.check ?? null;
    expect(await seenBy(staff)).toEqual({
      request: "https://design.example.com/close",
      answer: "partly",
      comment: "Needs the bank feeds.",
    });
    expect(await seenBy(owner)).toMatchObject({ answer: "partly" });
    expect(await seenBy(second)).toBeNull();
    expect(await seenBy(null)).toBeNull();
    const stranger = await createTestUser();
    expect(await statusOf(() => answerMeasureCheck(stranger, threadId, { answer: "yes", comment: "" }))).toBe(403);
  });
});

describe("verdicts over time", () => {
  it("asks again after 30 and 90 days, once each, and keeps every round's verdict", async () => {
    const { staff, owner, threadId } = await ideaWithMeasure();
    await ship(staff, threadId);
    const shippedAt = Date.now();
    await giveVerdict(owner, threadId, { verdict: "met", comment: "" });
    expect(await reaskVerdicts(shippedAt + 29 * DAY)).toBe(0);
    const heard: string[][] = [];
    const stopListening = onInvalidation((tags) => heard.push([...tags]));
    // Two processes at once: only one sends.
    const [a, b] = await Promise.all([reaskVerdicts(shippedAt + 31 * DAY), reaskVerdicts(shippedAt + 31 * DAY)]);
    expect(a + b).toBe(1);
    stopListening();
    // The round names the one page it changed, so it leaves every other cached page in every process in place.
    expect(heard).toEqual([[`thread:${threadId}`]]);
    const reasks = (await notificationsOf(owner.id)).filter((n) => n.kind === "verdict_request");
    expect(reasks.map((n) => n.detail)).toEqual(["", "30"]);
    expect((await emailsOf(owner.id)).some((e) => e.subject.includes("It's been 30 days since"))).toBe(true);
    await giveVerdict(owner, threadId, { verdict: "partly", comment: "Slower with more entities." });
    expect(await reaskVerdicts(shippedAt + 90 * DAY)).toBe(0);
    expect(await reaskVerdicts(shippedAt + 92 * DAY)).toBe(1);
    await giveVerdict(owner, threadId, { verdict: "not_met", comment: "" });
    await giveVerdict(owner, threadId, { verdict: "not_met", comment: "Two days now." });
    const shown = (await listSuccessMeasures(threadId))[0]!;
    expect(shown.verdict).toBe("not_met");
    expect(shown.history.map((h) => [h.afterDays, h.verdict, h.comment])).toEqual([
      [0, "met", null],
      [30, "partly", "Slower with more entities."],
      [90, "not_met", "Two days now."],
    ]);
    expect(await reaskVerdicts(shippedAt + 400 * DAY)).toBe(0);
  });
});

describe("a follow-up from a verdict not met", () => {
  it("opens one linked idea by its owner quoting the measure, and refuses a second", async () => {
    const { staff, owner, threadId } = await ideaWithMeasure();
    await ship(staff, threadId);
    await giveVerdict(owner, threadId, { verdict: "met", comment: "" });
    expect(await statusOf(() => openFollowUp(owner, threadId))).toBe(403);
    await giveVerdict(owner, threadId, { verdict: "not_met", comment: "It still takes two days." });
    expect(await statusOf(() => openFollowUp(staff, threadId))).toBe(404);
    const followUpId = await openFollowUp(owner, threadId);
    const followUp = await getDb().selectFrom("threads").selectAll().where("id", "=", followUpId).executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({
      author_id: owner.id,
      kind: "idea",
      follow_up_of_id: threadId,
      title: "Follow-up: Faster month-end close",
    });
    expect(followUp.body).toContain("> I close the month in one day.");
    expect(followUp.body).toContain("> It still takes two days.");
    expect((await measureOf(threadId, owner.id)).follow_up_id).toBe(followUpId);
    expect(await statusOf(() => openFollowUp(owner, threadId))).toBe(409);
    expect(await getDb().selectFrom("threads").select("id").where("follow_up_of_id", "=", threadId).execute()).toHaveLength(1);
  });
});

describe("the success ledger and the accounts at risk", () => {
  it("shows an account's measures and met-rate to its members and staff, never to another account (403) or visitors (401)", async () => {
    const { staff, owner, threadId } = await ideaWithMeasure("Bank feeds for every bank");
    const colleague = await createTestUser();
    const outsider = await createTestUser();
    const acme = await createTestAccount({ name: "Acme", arr: 120_000, members: [owner, colleague] });
    await createTestAccount({ name: "Globex", members: [outsider] });
    const other = await createTestThread(colleague, { kind: "idea", title: "Multi-currency close" });
    await saveSuccessMeasure(colleague, other, "Close in three currencies at once.");
    await ship(staff, threadId);
    await giveVerdict(owner, threadId, { verdict: "met", comment: "" });

    const forMember = await getLedger(colleague, acme.slug);
    expect(forMember.account).toEqual({ name: "Acme", slug: acme.slug, arr: null });
    expect(forMember.measures.map((m) => [m.title, m.status, m.verdict])).toEqual([
      ["Multi-currency close", "open", null],
      ["Bank feeds for every bank", "shipped", "met"],
    ]);
    expect(forMember.metRate).toEqual({ judged: 1, met: 1, rate: 100 });
    expect((await getLedger(staff, acme.slug)).account.arr).toBe(120_000);
    expect(await statusOf(() => getLedger(outsider, acme.slug))).toBe(403);
    expect(await statusOf(() => getLedger(null, acme.slug))).toBe(401);
    expect(await statusOf(() => getLedger(staff, "no-such-account"))).toBe(404);
  });

  it("lists accounts with verdicts not met or long waits, weighted by ARR, to staff only", async () => {
    const big = await ideaWithMeasure("Big customer's idea");
    const small = await ideaWithMeasure("Small customer's idea");
    await createTestAccount({ name: "Initech", arr: 500_000, members: [big.owner] });
    await createTestAccount({ name: "Hooli", arr: 10_000, members: [small.owner] });
    await ship(small.staff, small.threadId);
    await giveVerdict(small.owner, small.threadId, { verdict: "not_met", comment: "" });
    const atRisk = await listAccountsAtRisk(big.staff, Date.now() + 45 * DAY);
    const byName = Object.fromEntries(atRisk.map((a) => [a.name, a]));
    expect(byName.Hooli).toMatchObject({ notMet: 1, waitingDays: 0, risk: 10_000 });
    expect(byName.Initech).toMatchObject({ notMet: 0, waiting: 1, waitingDays: 45, risk: 250_000 });
    expect(atRisk.findIndex((a) => a.name === "Initech")).toBeLessThan(atRisk.findIndex((a) => a.name === "Hooli"));
    expect(await statusOf(() => listAccountsAtRisk(big.owner))).toBe(403);
  });
});

describe("co-designer impact", () => {
  it("lists each shipped idea a person helped design with how its customers judged it", async () => {
    const { staff, owner, author, threadId } = await ideaWithMeasure("Close checklists");
    await getDb()
      .insertInto("co_designers")
      .values({ thread_id: threadId, user_id: author.id, contribution: "Proposed it", credited_by: staff.id, created_at: Date.now() })
      .execute();
    await ship(staff, threadId);
    await giveVerdict(owner, threadId, { verdict: "partly", comment: "" });
    expect(await coDesignerImpact(author.id)).toEqual([
      { id: threadId, title: "Close checklists", judged: 1, met: 0, partly: 1, notMet: 0 },
    ]);
  });
});

describe("decisions customers can follow", () => {
  it("a merge keeps the duplicate's use case on the kept idea, notifies its author and is on both timelines with its reason", async () => {
    const staff = await createTestUser({ role: "staff" });
    const keeper = await createTestUser();
    const requester = await createTestUser();
    const keep = await createTestThread(keeper, { kind: "idea", title: "Archive many invoices" });
    const duplicate = await createTestThread(requester, {
      kind: "idea",
      title: "Bulk archive",
      body: "We archive 300 invoices each quarter.",
    });
    await mergeIdea(staff, duplicate, keep, "Same request: archiving many at once.");
    const details = await getIdeaDetails(null, keep);
    expect(details.useCases).toEqual([
      expect.objectContaining({ id: duplicate, bodyHtml: expect.stringContaining("We archive 300 invoices each quarter.") }),
    ]);
    expect(details.events).toEqual([
      expect.objectContaining({ kind: "merged_in", sourceId: duplicate, note: "Same request: archiving many at once." }),
    ]);
    expect((await getTimeline(duplicate)).at(-1)).toMatchObject({ to: "merged", noteHtml: expect.stringContaining("Same request") });
    expect((await notificationsOf(requester.id)).at(-1)).toMatchObject({ kind: "idea_merged", thread_id: keep });
  });

  it("accepting as co-designed and each credit appear on the timeline", async () => {
    const { staff, author, threadId } = await ideaWithMeasure("Close checklists");
    await setIdeaStatus(staff, threadId, { status: "under_review", note: "" });
    await acceptIdea(staff, threadId);
    const events = (await getIdeaDetails(null, threadId)).events;
    expect(events.map((e) => [e.kind, e.personUsername, e.note])).toEqual([
      ["co_designed", null, ""],
      [
        "credit",
        (await getDb().selectFrom("users").select("username").where("id", "=", author.id).executeTakeFirstOrThrow()).username,
        "Proposed the idea",
      ],
    ]);
  });
});
