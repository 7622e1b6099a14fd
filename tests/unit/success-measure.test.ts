import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { getSuccessDashboard, giveVerdict, saveSuccessMeasure, verdictShares } from "~/models/success-measure.server";
import { createTestThread, createTestUser, statusOf } from "./factories";

async function idea() {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const threadId = await createTestThread(author, { kind: "idea", title: "Faster month-end close" });
  return { author, staff, threadId };
}

const measureOf = (threadId: number, userId: number) =>
  getDb().selectFrom("success_measures").selectAll().where("thread_id", "=", threadId).where("user_id", "=", userId).executeTakeFirst();

describe("success measures and verdicts", () => {
  it("lets a member write and rewrite their measure until the idea ships, then refuses (403)", async () => {
    const { staff, threadId } = await idea();
    const member = await createTestUser();
    await saveSuccessMeasure(member, threadId, "Close in two days.");
    await saveSuccessMeasure(member, threadId, "Close in one day.");
    expect((await measureOf(threadId, member.id))?.measure).toBe("Close in one day.");
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    expect(await statusOf(() => saveSuccessMeasure(member, threadId, "Close in an hour."))).toBe(403);
    expect((await measureOf(threadId, member.id))?.measure).toBe("Close in one day.");
  });

  it("refuses a verdict before the idea ships (409)", async () => {
    const { threadId } = await idea();
    const member = await createTestUser();
    await saveSuccessMeasure(member, threadId, "Close in one day.");
    expect(await statusOf(() => giveVerdict(member, threadId, { verdict: "met", comment: "" }))).toBe(409);
    expect((await measureOf(threadId, member.id))?.verdict).toBeNull();
  });

  it("refuses a verdict from someone who wrote no measure (403)", async () => {
    const { staff, threadId } = await idea();
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    const stranger = await createTestUser();
    expect(await statusOf(() => giveVerdict(stranger, threadId, { verdict: "met", comment: "" }))).toBe(403);
    expect(await measureOf(threadId, stranger.id)).toBeUndefined();
  });

  it("records a verdict with its comment after shipping", async () => {
    const { staff, threadId } = await idea();
    const member = await createTestUser();
    await saveSuccessMeasure(member, threadId, "Close in one day.");
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    await giveVerdict(member, threadId, { verdict: "partly", comment: "  Two days, not one.  " });
    expect(await measureOf(threadId, member.id)).toMatchObject({ verdict: "partly", verdict_comment: "Two days, not one." });
  });
});

describe("the success dashboard", () => {
  it("shows staff the share of verdicts per shipped idea and what is outstanding", async () => {
    const { staff, threadId } = await idea();
    const people = [await createTestUser(), await createTestUser(), await createTestUser(), await createTestUser()];
    for (const [i, person] of people.entries()) await saveSuccessMeasure(person, threadId, `Measure ${i}`);
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Decided in review." });
    await giveVerdict(people[0]!, threadId, { verdict: "met", comment: "" });
    await giveVerdict(people[1]!, threadId, { verdict: "met", comment: "" });
    await giveVerdict(people[2]!, threadId, { verdict: "not_met", comment: "Still slow." });

    const dashboard = await getSuccessDashboard(staff);
    const row = dashboard.ideas.find((i) => i.id === threadId);
    expect(row?.tally).toEqual({ met: 2, partly: 0, notMet: 1, outstanding: 1 });
    expect(row?.shares).toEqual({ given: 3, met: 67, partly: 0, notMet: 33 });
    expect(row?.measures.map((m) => m.measure)).toEqual(["Measure 0", "Measure 1", "Measure 2", "Measure 3"]);
  });

  it("lists no idea that has not shipped, and counts its measures as waiting", async () => {
    const { staff, threadId } = await idea();
    await saveSuccessMeasure(await createTestUser(), threadId, "Anything");
    const dashboard = await getSuccessDashboard(staff);
    expect(dashboard.ideas.some((i) => i.id === threadId)).toBe(false);
    expect(dashboard.waitingOnUnshipped).toBeGreaterThanOrEqual(1);
  });

  it("is refused to members and visitors (403)", async () => {
    expect(await statusOf(async () => getSuccessDashboard(await createTestUser()))).toBe(403);
    expect(await statusOf(() => getSuccessDashboard(null))).toBe(403);
  });

  it("computes shares of the verdicts given, not of all measures", () => {
    expect(verdictShares({ met: 0, partly: 0, notMet: 0, outstanding: 5 })).toEqual({ given: 0, met: 0, partly: 0, notMet: 0 });
    expect(verdictShares({ met: 1, partly: 1, notMet: 0, outstanding: 9 })).toEqual({ given: 2, met: 50, partly: 50, notMet: 0 });
  });
});
