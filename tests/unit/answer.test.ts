import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteContent, hideContent } from "~/models/moderation.server";
import { getProfile } from "~/models/profile.server";
import { markAnswer, unmarkAnswer } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

async function question() {
  const asker = await createTestUser();
  const helper = await createTestUser();
  const threadId = await createTestThread(asker, { kind: "question", title: "How do I export?" });
  const first = await createTestReply(helper, threadId, "Use the export menu.");
  const second = await createTestReply(helper, threadId, "Or the API.");
  return { asker, helper, threadId, first, second };
}

describe("marking an answer", () => {
  it("lets the asker mark a reply as the answer", async () => {
    const { asker, threadId, first } = await question();
    await markAnswer(asker, threadId, first);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBe(first);
  });

  it("lets staff mark the answer to someone else's question", async () => {
    const { threadId, second } = await question();
    const staff = await createTestUser({ role: "staff" });
    await markAnswer(staff, threadId, second);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBe(second);
  });

  it("refuses another member with 403 and changes nothing", async () => {
    const { asker, helper, threadId, first, second } = await question();
    await markAnswer(asker, threadId, first);
    expect(await statusOf(() => markAnswer(helper, threadId, second))).toBe(403);
    expect(await statusOf(() => unmarkAnswer(helper, threadId))).toBe(403);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBe(first);
  });

  it("refuses a visitor with 403", async () => {
    const { threadId, first } = await question();
    expect(await statusOf(() => markAnswer(null, threadId, first))).toBe(403);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBeNull();
  });

  it("replaces the previous answer, so there is exactly one", async () => {
    const { asker, threadId, first, second } = await question();
    await markAnswer(asker, threadId, first);
    await markAnswer(asker, threadId, second);
    const answered = await getDb().selectFrom("threads").select("accepted_answer_post_id").where("id", "=", threadId).execute();
    expect(answered).toEqual([{ accepted_answer_post_id: second }]);
  });

  it("can be undone by unmarking", async () => {
    const { asker, threadId, first } = await question();
    await markAnswer(asker, threadId, first);
    await unmarkAnswer(asker, threadId);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBeNull();
  });

  it("answers 404 for a reply that belongs to another thread", async () => {
    const { asker, threadId } = await question();
    const other = await question();
    expect(await statusOf(() => markAnswer(asker, threadId, other.first))).toBe(404);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBeNull();
  });

  it("answers 404 for a hidden reply", async () => {
    const { asker, threadId, first } = await question();
    await getDb().updateTable("posts").set({ hidden_at: Date.now() }).where("id", "=", first).execute();
    expect(await statusOf(() => markAnswer(asker, threadId, first))).toBe(404);
  });

  it("answers 404 for an unknown question", async () => {
    const { asker, first } = await question();
    expect(await statusOf(() => markAnswer(asker, 999_999, first))).toBe(404);
  });

  it.each(["discussion", "idea"] as const)("answers 400 on a %s", async (kind) => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind });
    const reply = await createTestReply(author, threadId);
    expect(await statusOf(() => markAnswer(author, threadId, reply))).toBe(400);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBeNull();
  });

  it("is closed to the asker once the question is locked, but not to staff", async () => {
    const { asker, threadId, first } = await question();
    await getDb().updateTable("threads").set({ locked: 1 }).where("id", "=", threadId).execute();
    expect(await statusOf(() => markAnswer(asker, threadId, first))).toBe(403);
    await markAnswer(await createTestUser({ role: "staff" }), threadId, first);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBe(first);
  });
});

describe("answers that are no longer visible", () => {
  it("a deleted reply can't be marked as the answer (404)", async () => {
    const { asker, threadId, first } = await question();
    const staff = await createTestUser({ role: "staff" });
    await deleteContent(staff, { type: "post", id: first }, "off topic");
    expect(await statusOf(() => markAnswer(asker, threadId, first))).toBe(404);
    expect(await statusOf(() => markAnswer(staff, threadId, first))).toBe(404);
    expect((await getThreadRow(threadId)).accepted_answer_post_id).toBeNull();
  });

  it("a profile counts and lists only answers everyone can see", async () => {
    const staff = await createTestUser({ role: "staff" });
    const helper = await createTestUser();
    const username = (await getDb().selectFrom("users").select("username").where("id", "=", helper.id).executeTakeFirstOrThrow()).username;
    const answered = [];
    for (let i = 0; i < 3; i++) {
      const asker = await createTestUser();
      const threadId = await createTestThread(asker, { kind: "question" });
      const reply = await createTestReply(helper, threadId, `Answer ${i}`);
      await markAnswer(asker, threadId, reply);
      answered.push({ threadId, reply });
    }
    await deleteContent(staff, { type: "post", id: answered[0]!.reply }, "spam");
    await hideContent(staff, { type: "post", id: answered[1]!.reply }, "spam");
    const profile = await getProfile(username, null);
    expect(profile.counts.answers).toBe(1);
    expect(profile.answers.map((a) => a.id)).toEqual([answered[2]!.threadId]);
  });
});
