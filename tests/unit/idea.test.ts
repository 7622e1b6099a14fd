import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { acceptIdea } from "~/models/idea.server";
import { createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

async function coDesigners(threadId: number) {
  return getDb().selectFrom("co_designers").selectAll().where("thread_id", "=", threadId).execute();
}

async function idea() {
  const author = await createTestUser();
  const threadId = await createTestThread(author, { kind: "idea", title: "Shared dashboards" });
  // Ideas are accepted once reviewed.
  await getDb().updateTable("threads").set({ status: "under_review" }).where("id", "=", threadId).execute();
  return { author, threadId };
}

describe("accepting an idea as co-designed", () => {
  it.each([
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403, leaving no co-designer rows", async (_who, makeActor) => {
    const { threadId } = await idea();
    const actor = await makeActor();
    expect(await statusOf(() => acceptIdea(actor, threadId))).toBe(403);
    expect(await coDesigners(threadId)).toHaveLength(0);
    expect(await getThreadRow(threadId)).toMatchObject({ co_designed_at: null, co_designed_by: null });
  });

  it("is refused to the idea's own author when they are a member", async () => {
    const { author, threadId } = await idea();
    expect(await statusOf(() => acceptIdea(author, threadId))).toBe(403);
    expect(await coDesigners(threadId)).toHaveLength(0);
  });

  it.each(["staff", "admin"] as const)("by %s marks the thread co-designed and credits its author", async (role) => {
    const { author, threadId } = await idea();
    const staff = await createTestUser({ role });
    const before = Date.now();
    await acceptIdea(staff, threadId);

    const thread = await getThreadRow(threadId);
    expect(thread.co_designed_by).toBe(staff.id);
    expect(thread.co_designed_at).toBeGreaterThanOrEqual(before);
    const credits = await coDesigners(threadId);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ user_id: author.id, credited_by: staff.id, created_at: thread.co_designed_at });
    expect(credits[0]?.contribution).not.toBe("");
  });

  it("answers 409 the second time and keeps the first acceptance", async () => {
    const { threadId } = await idea();
    const first = await createTestUser({ role: "staff" });
    const second = await createTestUser({ role: "staff" });
    await acceptIdea(first, threadId);
    const accepted = await getThreadRow(threadId);
    expect(await statusOf(() => acceptIdea(second, threadId))).toBe(409);
    expect(await getThreadRow(threadId)).toMatchObject({
      co_designed_at: accepted.co_designed_at,
      co_designed_by: first.id,
    });
    expect(await coDesigners(threadId)).toHaveLength(1);
  });

  it.each(["discussion", "question"] as const)("answers 400 for a %s", async (kind) => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { kind });
    expect(await statusOf(async () => acceptIdea(await createTestUser({ role: "staff" }), threadId))).toBe(400);
    expect(await coDesigners(threadId)).toHaveLength(0);
    expect((await getThreadRow(threadId)).co_designed_at).toBeNull();
  });

  it("answers 404 for an unknown idea", async () => {
    expect(await statusOf(async () => acceptIdea(await createTestUser({ role: "staff" }), 999_999))).toBe(404);
  });
});
