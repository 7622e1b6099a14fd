import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { findMergeTargets, mergeIdea } from "~/models/idea-merge.server";
import { createReply } from "~/models/post.server";
import { saveSuccessMeasure } from "~/models/success-measure.server";
import { setWatching } from "~/models/subscription.server";
import { deleteContent, hideContent } from "~/models/moderation.server";
import { vote } from "~/models/vote.server";
import { getApiThread, listApiThreads } from "~/models/api.server";
import { listFeedThreads } from "~/models/feed.server";
import { getRoadmap } from "~/models/roadmap.server";
import { searchThreads } from "~/models/search.server";
import { getSuccessDashboard } from "~/models/success-measure.server";
import { listThreads } from "~/models/thread-list.server";
import { getThreadPage } from "~/models/thread.server";
import { createTestProduct, createTestThread, createTestUser, getThreadRow, refusalOf, statusOf, type TestActor } from "./factories";

async function votersOf(threadId: number) {
  const rows = await getDb().selectFrom("votes").select("user_id").where("thread_id", "=", threadId).orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

async function twoIdeas() {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const source = await createTestThread(author, { kind: "idea", title: "Dark mode for reports" });
  const target = await createTestThread(author, { kind: "idea", title: "Dark theme everywhere" });
  return { author, staff, source, target };
}

async function voteAll(people: TestActor[], threadId: number) {
  for (const person of people) await vote(person, threadId);
}

describe("merging a duplicate idea", () => {
  it("unites the votes: a member who voted for both counts once", async () => {
    // The author of both ideas voted for both when creating them.
    const { author, staff, source, target } = await twoIdeas();
    const [a, b, both, c] = [await createTestUser(), await createTestUser(), await createTestUser(), await createTestUser()];
    await voteAll([a, b, both], source);
    await voteAll([both, c], target);

    await mergeIdea(staff, source, target);

    expect(await votersOf(target)).toEqual([author.id, a.id, b.id, both.id, c.id].sort((x, y) => x - y));
    expect((await getThreadRow(target)).vote_count).toBe(5);
    expect(await votersOf(source)).toEqual([]);
    expect(await getThreadRow(source)).toMatchObject({ vote_count: 0, merged_into_id: target });
  });

  it("moves followers and success measures over, and records the merge on the timeline", async () => {
    const { staff, source, target } = await twoIdeas();
    const watcher = await createTestUser();
    const measurer = await createTestUser();
    await setWatching(watcher, source, true);
    await saveSuccessMeasure(measurer, source, "Reports are readable at night.");

    await mergeIdea(staff, source, target);

    const follower = await getDb()
      .selectFrom("subscriptions")
      .select("level")
      .where("thread_id", "=", target)
      .where("user_id", "=", watcher.id)
      .executeTakeFirst();
    expect(follower?.level).toBe("watching");
    const measure = await getDb()
      .selectFrom("success_measures")
      .select("thread_id")
      .where("user_id", "=", measurer.id)
      .executeTakeFirstOrThrow();
    expect(measure.thread_id).toBe(target);
    const entry = await getDb().selectFrom("status_changes").selectAll().where("thread_id", "=", source).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ to_status: "merged", merged_into_id: target, actor_id: staff.id });
  });

  it("closes the duplicate to new votes and replies (403)", async () => {
    const { staff, source, target } = await twoIdeas();
    await mergeIdea(staff, source, target);
    const member = await createTestUser();
    expect(await statusOf(() => vote(member, source))).toBe(403);
    expect(await statusOf(() => createReply(member, source, "Me too"))).toBe(403);
    expect((await getThreadRow(source)).reply_count).toBe(0);
  });

  it("refuses to merge an idea into itself (400)", async () => {
    const { staff, source } = await twoIdeas();
    expect(await statusOf(() => mergeIdea(staff, source, source))).toBe(400);
    expect((await getThreadRow(source)).merged_into_id).toBeNull();
  });

  it("refuses to merge into a question or an unknown thread (400)", async () => {
    const { author, staff, source } = await twoIdeas();
    const question = await createTestThread(author, { kind: "question" });
    expect(await statusOf(() => mergeIdea(staff, source, question))).toBe(400);
    expect(await statusOf(() => mergeIdea(staff, source, 999_999))).toBe(400);
    expect((await getThreadRow(source)).merged_into_id).toBeNull();
  });

  it.each([
    ["itself", 400, "An idea can't be merged into itself; choose another idea."],
    ["a deleted idea", 400, "That idea was deleted; choose another."],
    ["a hidden idea", 400, "That idea is hidden; unhide it or choose another."],
    ["an idea that was itself merged", 409, "That idea was itself merged; merge into the idea it went to."],
    ["an unknown thread", 400, "There is no idea #999999; choose one from the list."],
  ] as const)("refuses to merge into %s next to the target field, and moves nothing", async (what, status, message) => {
    const { author, staff, source, target } = await twoIdeas();
    const voter = await createTestUser();
    await vote(voter, source);
    if (what === "a deleted idea") await deleteContent(staff, { type: "thread", id: target }, "Spam");
    if (what === "a hidden idea") await hideContent(staff, { type: "thread", id: target }, "Checking");
    if (what === "an idea that was itself merged") await mergeIdea(staff, target, await createTestThread(author, { kind: "idea" }));
    const targetId = what === "itself" ? source : what === "an unknown thread" ? 999_999 : target;

    const refusal = await refusalOf(() => mergeIdea(staff, source, targetId));
    expect([refusal.status, refusal.field, refusal.message]).toEqual([status, "targetId", message]);
    expect((await getThreadRow(source)).merged_into_id).toBeNull();
    expect(await votersOf(source)).toEqual([author.id, voter.id]);
    expect(await getDb().selectFrom("status_changes").select("id").where("thread_id", "=", source).execute()).toEqual([]);
  });

  it("refuses members and the idea's author (403), keeping every vote where it was", async () => {
    const { author, source, target } = await twoIdeas();
    const voter = await createTestUser();
    await vote(voter, source);
    expect(await statusOf(() => mergeIdea(author, source, target))).toBe(403);
    expect(await statusOf(() => mergeIdea(null, source, target))).toBe(403);
    expect(await votersOf(source)).toEqual([author.id, voter.id]);
  });

  it("refuses a second merge of the same idea (409 next to the field for staff, 403 for members)", async () => {
    const { author, staff, source, target } = await twoIdeas();
    const third = await createTestThread(author, { kind: "idea" });
    await mergeIdea(staff, source, target);
    const refusal = await refusalOf(() => mergeIdea(staff, source, third));
    expect([refusal.status, refusal.field, refusal.message]).toEqual([409, "targetId", "This idea was already merged meanwhile."]);
    expect(await statusOf(() => mergeIdea(author, source, third))).toBe(403);
    expect((await getThreadRow(source)).merged_into_id).toBe(target);
  });
});

describe("a merged idea as everyone sees it", () => {
  let round = 0;
  /** Two ideas with words of their own in their titles; the first merged into the second. */
  async function mergedIdea(beforeMerge: (ideas: { source: number; target: number }) => Promise<void> = async () => {}) {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const word = `zebra${"abcdefgh"[round++]}`;
    const source = await createTestThread(author, { productId, kind: "idea", title: `${word} stripes for duplicate charts` });
    const target = await createTestThread(author, { productId, kind: "idea", title: `${word} stripes for every chart` });
    await beforeMerge({ source, target });
    await mergeIdea(staff, source, target);
    return { author, staff, productId, source, target, word };
  }

  it("leaves the Open list of its product and tags, and shows as merged in the list of all threads", async () => {
    const { productId, source, target } = await mergedIdea();
    const open = await listThreads({ productId }, "activity", { status: "open" });
    expect(open.threads.map((t) => t.id)).toEqual([target]);
    const all = await listThreads({ productId }, "activity", {});
    expect(all.threads.find((t) => t.id === source)?.status).toBe("merged");
    expect(all.threads.find((t) => t.id === target)?.status).toBe("open");
  });

  it("shows only as merged on its own page, and its status controls are gone", async () => {
    const { staff, source } = await mergedIdea();
    const page = await getThreadPage(source, staff);
    expect(page.thread.status).toBe("merged");
    expect(page.permissions).toMatchObject({ changeStatus: false, vote: false, mergeIdea: false });
  });

  it("is reported by the API as merged, with the id of the idea it went to, and is in no status filter there", async () => {
    const { productId, source, target } = await mergedIdea();
    expect(await getApiThread(source)).toMatchObject({ id: source, status: "merged", mergedIntoId: target });
    expect(await getApiThread(target)).toMatchObject({ id: target, status: "open", mergedIntoId: null });
    const open = await listApiThreads({ productId, status: "open" }, null, 50);
    expect(open.threads.map((t) => t.id)).toEqual([target]);
    const all = await listApiThreads({ productId }, null, 50);
    expect(all.threads.find((t) => t.id === source)).toMatchObject({ status: "merged", mergedIntoId: target });
  });

  it("is found by search as merged, and not under a status filter", async () => {
    const { source, target, word } = await mergedIdea();
    const found = await searchThreads(`${word} stripes`);
    expect(found.results.find((r) => r.id === source)?.status).toBe("merged");
    expect((await searchThreads(`${word} stripes`, { status: "open" })).results.map((r) => r.id)).toEqual([target]);
  });

  it("shows as merged in feeds, and leaves the roadmap and the dashboard's count of measures waiting", async () => {
    const admin = await createTestUser({ role: "admin" });
    let waitingBefore = 0;
    const { productId, source, target } = await mergedIdea(async ({ source, target }) => {
      // This member's measure on the duplicate stays behind: they have one on the idea kept.
      const measurer = await createTestUser();
      await saveSuccessMeasure(measurer, target, "I can follow rows.");
      await saveSuccessMeasure(measurer, source, "Rows are easy to follow.");
      waitingBefore = (await getSuccessDashboard(admin)).waitingOnUnshipped;
    });
    expect((await getSuccessDashboard(admin)).waitingOnUnshipped).toBe(waitingBefore - 1);
    const feed = await listFeedThreads(productId);
    expect(feed.find((t) => t.id === source)?.status).toBe("merged");
    await getDb().updateTable("threads").set({ status: "planned" }).where("id", "in", [source, target]).execute();
    expect((await getRoadmap({ productId })).planned.map((idea) => idea.id)).toEqual([target]);
  });
});

describe("finding the idea to merge into", () => {
  async function ideas() {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const [ledger, pulse] = [await createTestProduct(), await createTestProduct()];
    const make = (productId: number, title: string, kind: "idea" | "question" = "idea") =>
      createTestThread(author, { productId, kind, title });
    const source = await make(ledger, "Quokka reports by email");
    return {
      author,
      staff,
      source,
      sameProduct: await make(ledger, "Email quokka reports every Monday"),
      otherProduct: await make(pulse, "Quokka reports as PDF"),
      question: await make(ledger, "How do quokka reports work?", "question"),
      deleted: await make(ledger, "Quokka reports deleted"),
      hidden: await make(ledger, "Quokka reports hidden"),
      merged: await make(ledger, "Quokka reports merged"),
    };
  }

  it("lists ideas whose titles hold every word typed (the last as a prefix), in the idea's product or in all", async () => {
    const found = await ideas();
    await deleteContent(found.staff, { type: "thread", id: found.deleted }, "Spam");
    await hideContent(found.staff, { type: "thread", id: found.hidden }, "Checking");
    await mergeIdea(found.staff, found.merged, found.sameProduct);

    const inProduct = await findMergeTargets(found.staff, found.source, { q: "quokka rep", scope: "product" });
    expect(inProduct).toEqual({ ideas: [expect.objectContaining({ id: found.sameProduct, status: "open" })], suggested: false });
    const everywhere = await findMergeTargets(found.staff, found.source, { q: "quokka rep", scope: "all" });
    expect(everywhere.ideas.map((i) => i.id).sort()).toEqual([found.sameProduct, found.otherProduct].sort());
  });

  it("finds an idea by its number, in any product, and suggests similar titles before anything is typed", async () => {
    const found = await ideas();
    const byNumber = await findMergeTargets(found.staff, found.source, { q: `#${found.otherProduct}`, scope: "product" });
    expect(byNumber.ideas.map((i) => i.id)).toEqual([found.otherProduct]);
    expect((await findMergeTargets(found.staff, found.source, { q: String(found.question), scope: "all" })).ideas).toEqual([]);
    const suggested = await findMergeTargets(found.staff, found.source, { q: "", scope: "product" });
    expect(suggested.suggested).toBe(true);
    expect(suggested.ideas.map((i) => i.id)).toContain(found.sameProduct);
    expect(suggested.ideas.map((i) => i.id)).not.toContain(found.source);
  });

  it("is for staff only (403)", async () => {
    const found = await ideas();
    expect(await statusOf(() => findMergeTargets(found.author, found.source, { q: "quokka", scope: "all" }))).toBe(403);
    expect(await statusOf(() => findMergeTargets(null, found.source, { q: "quokka", scope: "all" }))).toBe(403);
  });
});
