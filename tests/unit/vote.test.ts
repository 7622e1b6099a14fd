import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { Conflict } from "~/models/errors.server";
import { unvote, vote } from "~/models/vote.server";
import { createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

async function voteRows(threadId: number): Promise<number> {
  const rows = await getDb().selectFrom("votes").select("user_id").where("thread_id", "=", threadId).execute();
  return rows.length;
}

/** The stored counter and the rows it summarises must never disagree. */
async function expectVotes(threadId: number, count: number) {
  expect((await getThreadRow(threadId)).vote_count).toBe(count);
  expect(await voteRows(threadId)).toBe(count);
}

/** An idea starts with one vote: its author's (see "the author's own idea" below). */
async function idea() {
  const author = await createTestUser();
  return createTestThread(author, { kind: "idea", title: "Offline mode" });
}

describe("the author's own idea", () => {
  it("counts the author's vote as soon as the idea is created", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind: "idea" });
    await expectVotes(threadId, 1);
    const [row] = await getDb().selectFrom("votes").select("user_id").where("thread_id", "=", threadId).execute();
    expect(row?.user_id).toBe(author.id);
    expect(await statusOf(() => vote(author, threadId))).toBe(409);
  });

  it("lets the author take the vote back, and give it again", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind: "idea" });
    await unvote(author, threadId);
    await expectVotes(threadId, 0);
    await vote(author, threadId);
    await expectVotes(threadId, 1);
  });

  it.each(["question", "discussion"] as const)("gives a %s no vote", async (kind) => {
    const threadId = await createTestThread(await createTestUser(), { kind });
    await expectVotes(threadId, 0);
  });
});

describe("voting on an idea", () => {
  it("counts one vote per member", async () => {
    const threadId = await idea();
    const member = await createTestUser();
    await vote(member, threadId);
    await expectVotes(threadId, 2);
  });

  it("refuses a second vote by the same member with 409 and keeps the count", async () => {
    const threadId = await idea();
    const member = await createTestUser();
    await vote(member, threadId);
    expect(await statusOf(() => vote(member, threadId))).toBe(409);
    await expectVotes(threadId, 2);
  });

  it("counts a double-click, sent twice at once, as one vote", async () => {
    const threadId = await idea();
    const member = await createTestUser();
    const results = await Promise.allSettled([vote(member, threadId), vote(member, threadId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expectVotes(threadId, 2);
  });

  it("counts two members as two votes", async () => {
    const threadId = await idea();
    await vote(await createTestUser(), threadId);
    await vote(await createTestUser(), threadId);
    await expectVotes(threadId, 3);
  });

  it("decrements the count when a member takes their vote back", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind: "idea" });
    const member = await createTestUser();
    const other = await createTestUser();
    await vote(member, threadId);
    await vote(other, threadId);
    await unvote(member, threadId);
    await expectVotes(threadId, 2);
    const remaining = await getDb().selectFrom("votes").select("user_id").where("thread_id", "=", threadId).orderBy("user_id").execute();
    expect(remaining.map((r) => r.user_id)).toEqual([author.id, other.id]);
  });

  it("refuses to take back a vote that was never cast, with 409 and no change", async () => {
    const threadId = await idea();
    await vote(await createTestUser(), threadId);
    expect(await statusOf(async () => unvote(await createTestUser(), threadId))).toBe(409);
    await expectVotes(threadId, 2);
  });

  it.each(["question", "discussion"] as const)("answers 400 for a vote on a %s", async (kind) => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind });
    expect(await statusOf(() => vote(author, threadId))).toBe(400);
    await expectVotes(threadId, 0);
  });

  it("refuses a visitor with 403", async () => {
    const threadId = await idea();
    expect(await statusOf(() => vote(null, threadId))).toBe(403);
    expect(await statusOf(() => unvote(null, threadId))).toBe(403);
    await expectVotes(threadId, 1);
  });

  it("refuses a suspended member with 403", async () => {
    const threadId = await idea();
    const suspended = await createTestUser({ suspendedUntil: Date.now() + 60_000 });
    expect(await statusOf(() => vote(suspended, threadId))).toBe(403);
    await expectVotes(threadId, 1);
  });

  it("answers 404 for an unknown idea", async () => {
    expect(await statusOf(async () => vote(await createTestUser(), 999_999))).toBe(404);
  });

  it("keeps the count equal to the number of vote rows through a mix of votes and unvotes", async () => {
    const threadId = await idea();
    const members = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    const steps: [number, "vote" | "unvote"][] = [
      [0, "vote"],
      [1, "vote"],
      [0, "vote"],
      [2, "vote"],
      [1, "unvote"],
      [1, "unvote"],
      [3, "vote"],
      [4, "vote"],
      [5, "vote"],
      [3, "unvote"],
      [0, "unvote"],
      [1, "vote"],
    ];
    for (const [who, action] of steps) {
      const member = members[who]!;
      await (action === "vote" ? vote(member, threadId) : unvote(member, threadId)).catch((error: unknown) => {
        if (!(error instanceof Conflict)) throw error;
      });
      const row = await getThreadRow(threadId);
      expect(row.vote_count).toBe(await voteRows(threadId));
    }
    await expectVotes(threadId, 5);
  });
});
