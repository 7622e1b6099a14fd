import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { mergeIdea } from "~/models/idea.server";
import { createReply } from "~/models/post.server";
import { saveSuccessMeasure } from "~/models/success-measure.server";
import { setWatching } from "~/models/subscription.server";
import { vote } from "~/models/vote.server";
import { createTestThread, createTestUser, getThreadRow, statusOf, type TestActor } from "./factories";

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
    const measure = await getDb().selectFrom("success_measures").select("thread_id").where("user_id", "=", measurer.id).executeTakeFirstOrThrow();
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

  it("refuses to merge into a question (400) or an unknown thread (404)", async () => {
    const { author, staff, source } = await twoIdeas();
    const question = await createTestThread(author, { kind: "question" });
    expect(await statusOf(() => mergeIdea(staff, source, question))).toBe(400);
    expect(await statusOf(() => mergeIdea(staff, source, 999_999))).toBe(404);
    expect((await getThreadRow(source)).merged_into_id).toBeNull();
  });

  it("refuses members and the idea's author (403), keeping every vote where it was", async () => {
    const { author, source, target } = await twoIdeas();
    const voter = await createTestUser();
    await vote(voter, source);
    expect(await statusOf(() => mergeIdea(author, source, target))).toBe(403);
    expect(await statusOf(() => mergeIdea(null, source, target))).toBe(403);
    expect(await votersOf(source)).toEqual([author.id, voter.id]);
  });

  it("refuses a second merge of the same idea (403: a merged idea takes no more changes)", async () => {
    const { author, staff, source, target } = await twoIdeas();
    const third = await createTestThread(author, { kind: "idea" });
    await mergeIdea(staff, source, target);
    expect(await statusOf(() => mergeIdea(staff, source, third))).toBe(403);
    expect((await getThreadRow(source)).merged_into_id).toBe(target);
  });
});
