import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createReply, editReply } from "~/models/post.server";
import { renderMarkdown } from "~/markdown/render.server";
import { postingLimitFor, type PostingKind } from "~/models/posting-limits.server";
import { createThread } from "~/models/thread.server";
import type { DomainError } from "~/models/errors.server";
import { refusalResponse } from "~/http/refusals.server";
import { createTestProduct, createTestThread, createTestUser, statusOf, type TestActor } from "./factories";
import { restoreSettings, setSettings } from "./settings";

const HOUR = 3_600_000;

/** The limit a post of this text would meet now. */
const checkPostingLimit = (actor: TestActor, kind: PostingKind, body: string) =>
  postingLimitFor(getDb(), actor, kind, renderMarkdown(body));

beforeEach(() =>
  setSettings({
    NEW_MEMBER_HOURS: "24",
    NEW_MEMBER_THREADS_PER_DAY: "2",
    NEW_MEMBER_REPLIES_PER_DAY: "3",
    NEW_MEMBER_MIN_GAP_SECONDS: "0",
    NEW_MEMBER_MAX_LINKS: "2",
    TRUSTED_AFTER_POSTS: "3",
  }),
);
afterEach(() => restoreSettings());

const threeLinks = "See [a](https://a.example), [b](https://b.example) and ![c](https://c.example/c.png).";
const countPosts = async (authorId: number) =>
  (await getDb().selectFrom("posts").select("id").where("author_id", "=", authorId).execute()).length;

async function newMemberAndThread() {
  const member = await createTestUser();
  const author = await createTestUser();
  await getDb().updateTable("users").set({ trust_level: 1 }).where("id", "=", author.id).execute();
  const threadId = await createTestThread(author);
  return { member, threadId };
}

describe("limits on new members", () => {
  it("refuse a post with more than 2 links (400) and say why; mentions don't count as links", async () => {
    const { member, threadId } = await newMemberAndThread();
    const limit = await checkPostingLimit(member, "reply", threeLinks);
    expect(limit).toMatchObject({ status: 400 });
    expect(limit?.message).toContain("at most 2 links");
    expect(await statusOf(() => createReply(member, threadId, threeLinks))).toBe(400);
    expect(await countPosts(member.id)).toBe(0);

    await createTestUser({ username: "mentioned-a" });
    await createTestUser({ username: "mentioned-b" });
    await createReply(
      member,
      threadId,
      "Thanks @mentioned-a and @mentioned-b, see [docs](https://docs.example) and [faq](https://faq.example).",
    );
    expect(await countPosts(member.id)).toBe(1);
  });

  it("apply the link limit to edits too", async () => {
    const { member, threadId } = await newMemberAndThread();
    const postId = await createReply(member, threadId, "No links yet.");
    expect(await statusOf(() => editReply(member, postId, threeLinks))).toBe(400);
    const post = await getDb().selectFrom("posts").select("body").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.body).toBe("No links yet.");
  });

  it("cap replies per day (429 with Retry-After) and threads per day", async () => {
    const { member, threadId } = await newMemberAndThread();
    for (let i = 0; i < 3; i++) await createReply(member, threadId, `Reply ${i}`);
    const limit = await checkPostingLimit(member, "reply", "One more");
    expect(limit).toMatchObject({ status: 429 });
    expect(limit?.message).toContain("3 replies a day");
    expect(limit?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    try {
      await createReply(member, threadId, "One more");
      expect.unreachable("the fourth reply should be refused");
    } catch (error) {
      const answer = refusalResponse(error as DomainError);
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    expect(await countPosts(member.id)).toBe(3);

    const productId = await createTestProduct();
    await createThread(member, { productId, kind: "discussion", title: "First", body: "x" });
    await createThread(member, { productId, kind: "discussion", title: "Second", body: "x" });
    expect(await statusOf(() => createThread(member, { productId, kind: "discussion", title: "Third", body: "x" }))).toBe(429);
  });

  it("make a new member wait between posts", async () => {
    setSettings({ NEW_MEMBER_MIN_GAP_SECONDS: "60" });
    const { member, threadId } = await newMemberAndThread();
    await createReply(member, threadId, "First");
    const limit = await checkPostingLimit(member, "reply", "Second");
    expect(limit).toMatchObject({ status: 429 });
    expect(limit?.message).toMatch(/wait 1 minute between posts/);
    expect(limit?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("lift for good once a member has been around a day and posted 3 times", async () => {
    const { member, threadId } = await newMemberAndThread();
    for (let i = 0; i < 3; i++) await createReply(member, threadId, `Reply ${i}`);
    expect(await checkPostingLimit(member, "reply", "Fourth")).not.toBeNull();
    await getDb()
      .updateTable("users")
      .set({ created_at: Date.now() - 25 * HOUR })
      .where("id", "=", member.id)
      .execute();
    expect(await checkPostingLimit(member, "reply", threeLinks)).toBeNull();
    const row = await getDb().selectFrom("users").select("trust_level").where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(row.trust_level).toBe(1);
    await createReply(member, threadId, threeLinks);
    expect(await countPosts(member.id)).toBe(4);
  });

  it("never apply to staff", async () => {
    const staff = await createTestUser({ role: "staff" });
    expect(await checkPostingLimit(staff, "reply", threeLinks)).toBeNull();
  });
});
