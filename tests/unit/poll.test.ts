import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { addPoll, castPollVote, getPoll, type PollInput } from "~/models/poll.server";
import { hideContent } from "~/models/moderation.server";
import { createTestThread, createTestUser, statusOf } from "./factories";

const single: PollInput = { options: ["Monday", "Friday", "Never"], multiple: false, results: "after_vote", closesAt: null };

async function threadWithPoll(poll: Partial<PollInput> = {}) {
  const author = await createTestUser();
  const thread = await createTestThread(author, { kind: "question" });
  await addPoll(author, thread, { ...single, ...poll });
  const options = await getDb()
    .selectFrom("poll_options")
    .innerJoin("polls", "polls.id", "poll_options.poll_id")
    .select(["poll_options.id", "poll_options.label"])
    .where("polls.thread_id", "=", thread)
    .orderBy("poll_options.position")
    .execute();
  return { author, thread, options: options.map((o) => o.id) };
}

describe("polls", () => {
  it("a member votes once, sees the counts after voting, and may change their vote", async () => {
    const { thread, options } = await threadWithPoll();
    const voter = await createTestUser();
    const before = await getPoll(voter, thread);
    expect(before!.options.map((o) => o.votes)).toEqual([null, null, null]);
    await castPollVote(voter, thread, [options[0]!]);
    expect((await getPoll(voter, thread))!.options.map((o) => o.votes)).toEqual([1, 0, 0]);
    await castPollVote(voter, thread, [options[1]!]);
    const after = await getPoll(voter, thread);
    expect(after!.options.map((o) => o.votes)).toEqual([0, 1, 0]);
    expect(after!.mine).toEqual([options[1]]);
    // A visitor sees no counts of an after-vote poll.
    expect((await getPoll(null, thread))!.options.every((o) => o.votes === null)).toBe(true);
  });

  it("single choice takes one option; multiple choice several; options must be the poll's own", async () => {
    const { thread, options } = await threadWithPoll();
    const voter = await createTestUser();
    expect(await statusOf(() => castPollVote(voter, thread, options.slice(0, 2)))).toBe(400);
    expect(await statusOf(() => castPollVote(voter, thread, []))).toBe(400);
    const other = await threadWithPoll({ multiple: true });
    expect(await statusOf(() => castPollVote(voter, thread, [other.options[0]!]))).toBe(400);
    await castPollVote(voter, other.thread, other.options.slice(0, 2));
    expect((await getPoll(voter, other.thread))!.options.map((o) => o.votes)).toEqual([1, 1, 0]);
  });

  it("results after closing stay hidden from voters until the poll closes; a closed poll takes no votes", async () => {
    const { thread, options } = await threadWithPoll({ results: "after_close", closesAt: Date.now() + 60_000 });
    const voter = await createTestUser();
    await castPollVote(voter, thread, [options[2]!]);
    expect((await getPoll(voter, thread))!.options.every((o) => o.votes === null)).toBe(true);
    await getDb()
      .updateTable("polls")
      .set({ closes_at: Date.now() - 1 })
      .execute();
    expect((await getPoll(null, thread))!.options.map((o) => o.votes)).toEqual([0, 0, 1]);
    expect(await statusOf(() => castPollVote(voter, thread, [options[0]!]))).toBe(403);
  });

  it("refuses too few, too many, repeated or overlong options and a closing time in the past", async () => {
    const author = await createTestUser();
    const thread = await createTestThread(author);
    for (const options of [["Only one"], Array.from({ length: 11 }, (_, i) => `Option ${i}`), ["Same", "same"], ["x".repeat(121), "y"]]) {
      expect(await statusOf(() => addPoll(author, thread, { ...single, options }))).toBe(400);
    }
    expect(await statusOf(() => addPoll(author, thread, { ...single, closesAt: Date.now() - 1000 }))).toBe(400);
    await addPoll(author, thread, single);
    expect(await statusOf(() => addPoll(author, thread, single))).toBe(409);
  });

  it("only the author or staff add a poll; nobody votes in a hidden thread's poll", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const thread = await createTestThread(author);
    expect(await statusOf(async () => addPoll(await createTestUser(), thread, single))).toBe(403);
    await addPoll(staff, thread, single);
    const { id } = await getDb().selectFrom("poll_options").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    await hideContent(staff, { type: "thread", id: thread }, "Off topic");
    expect(await statusOf(async () => castPollVote(await createTestUser(), thread, [id]))).toBe(403);
  });

  it("votes cast at once are all counted", async () => {
    const { thread, options } = await threadWithPoll();
    const voters = await Promise.all(Array.from({ length: 8 }, () => createTestUser()));
    await Promise.all(voters.map((v, i) => castPollVote(v, thread, [options[i % 3]!])));
    await Promise.all(voters.map((v) => castPollVote(v, thread, [options[0]!])));
    expect((await getPoll(voters[0]!, thread))!.options.map((o) => o.votes)).toEqual([8, 0, 0]);
  });
});
