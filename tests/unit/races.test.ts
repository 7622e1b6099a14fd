import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { DomainError } from "~/models/errors.server";
import { flagContent } from "~/models/flag.server";
import { deleteContent, restoreContent } from "~/models/moderation.server";
import { createApiToken } from "~/models/api-token.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { createProduct } from "~/models/product.server";
import { acceptIdea, creditCoDesigner } from "~/models/idea.server";
import { editReply } from "~/models/post.server";
import { editThread, markAnswer } from "~/models/thread.server";
import { createTag } from "~/models/tag.server";
import { changeRole, updateProfile } from "~/models/user.server";
import { refusalStatus } from "~/http/refusals.server";
import { createTestReply, createTestThread, createTestUser } from "./factories";
import { restoreSettings, setSettings } from "./settings";

// Two conflicting requests at once, as two app processes would run them. On PostgreSQL (unit-pg)
// they run on two connections of the pool and truly overlap; on SQLite every transaction holds the
// write lock from its start (BEGIN IMMEDIATE), so they take turns and these check the same outcome.

afterEach(() => restoreSettings());

/** Both calls at once: each one's outcome, a refusal as its status and field messages. */
async function atOnce(...calls: (() => Promise<unknown>)[]) {
  const results = await Promise.allSettled(calls.map((call) => call()));
  return results.map((result) => {
    if (result.status === "fulfilled") return { ok: true as const };
    const error: unknown = result.reason;
    if (!(error instanceof DomainError)) throw error;
    return { ok: false as const, status: refusalStatus(error), fields: error.fields, message: error.message };
  });
}

const replyCount = async (threadId: number) =>
  Number((await getDb().selectFrom("threads").select("reply_count").where("id", "=", threadId).executeTakeFirstOrThrow()).reply_count);

describe("two requests at once", () => {
  it("two admins demoting each other leave one admin", async () => {
    await getDb().updateTable("users").set({ role: "member" }).where("role", "=", "admin").execute();
    const a = await createTestUser({ role: "admin" });
    const b = await createTestUser({ role: "admin" });
    const outcomes = await atOnce(
      () => changeRole(a, b.id, "member"),
      () => changeRole(b, a.id, "member"),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, message: expect.stringContaining("is the last admin") });
    const admins = await getDb().selectFrom("users").select("id").where("role", "=", "admin").execute();
    expect(admins).toHaveLength(1);
  });

  it("two staff deleting one reply take the count down by one; deleting and restoring it at once leave the count right", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId);
    await createTestReply(author, threadId);
    const [one, other] = [await createTestUser({ role: "staff" }), await createTestUser({ role: "staff" })];
    const ref = { type: "post" as const, id: postId };
    const outcomes = await atOnce(
      () => deleteContent(one, ref, "spam"),
      () => deleteContent(other, ref, "spam"),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, message: "This is already deleted." });
    expect(await replyCount(threadId)).toBe(1);

    await atOnce(
      () => restoreContent(one, ref),
      () => restoreContent(other, ref),
    );
    expect(await replyCount(threadId)).toBe(2);
    const audit = await getDb().selectFrom("audit_log").select("action").where("target_id", "=", postId).execute();
    expect(audit.map((row) => row.action).sort()).toEqual(["post.delete", "post.restore"]);
  });

  it("two flags that together reach the threshold hide the reply, once", async () => {
    setSettings({ FLAG_HIDE_THRESHOLD: "4" });
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId, "Buy cheap watches");
    const [one, other] = [await createTestUser({ role: "staff" }), await createTestUser({ role: "staff" })];
    const spam = { reason: "spam" as const, note: "" };
    await atOnce(
      () => flagContent(one, { type: "post", id: postId }, spam),
      () => flagContent(other, { type: "post", id: postId }, spam),
    );
    const post = await getDb().selectFrom("posts").select("hidden_at").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.hidden_at).not.toBeNull();
    const hides = await getDb()
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "post.auto_hide")
      .where("target_id", "=", postId)
      .execute();
    expect(hides).toHaveLength(1);
  });

  it("two tags whose names differ only in case: one is created, the other is told the name is taken", async () => {
    const staff = await createTestUser({ role: "staff" });
    const outcomes = await atOnce(
      () => createTag(staff, { name: "Offline", slug: "offline" }),
      () => createTag(staff, { name: "OFFLINE", slug: "offline-mode" }),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 400, fields: { name: "Another tag already has this name." } });
    expect(await getDb().selectFrom("tags").select("id").execute()).toHaveLength(1);
  });

  it("two products with one slug: the second is told the slug is taken", async () => {
    const admin = await createTestUser({ role: "admin" });
    const outcomes = await atOnce(
      () => createProduct(admin, { name: "Mobile", slug: "mobile", description: "" }),
      () => createProduct(admin, { name: "Mobile app", slug: "mobile", description: "" }),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 400, fields: { slug: "Another product already uses this slug." } });
  });

  it("two members asking for one email address at once: neither takes it before verifying it (issue 16)", async () => {
    const [one, other] = [await createTestUser(), await createTestUser()];
    const input = { displayName: "", bio: "", email: "shared@example.com" };
    const outcomes = await atOnce(
      () => updateProfile(one, input),
      () => updateProfile(other, input),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const rows = await getDb().selectFrom("users").select(["email", "pending_email"]).where("id", "in", [one.id, other.id]).execute();
    expect(rows.map((r) => r.email)).not.toContain("shared@example.com");
    expect(rows.map((r) => r.pending_email)).toEqual(["shared@example.com", "shared@example.com"]);
  });

  it("two API tokens created at once when one short of the cap: one is made, the other refused", async () => {
    const member = await createTestUser();
    for (let i = 0; i < 19; i++) await createApiToken(member, `token ${i}`);
    const outcomes = await atOnce(
      () => createApiToken(member, "one"),
      () => createApiToken(member, "other"),
    );
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, message: "You can have at most 20 tokens; revoke one first." });
    expect(await getDb().selectFrom("api_tokens").select("id").where("user_id", "=", member.id).execute()).toHaveLength(20);
  });

  it("a new member's two replies sent at once count against one daily limit", async () => {
    setSettings({ NEW_MEMBER_REPLIES_PER_DAY: "1" });
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const newcomer = await createTestUser();
    const outcomes = await atOnce(
      () => createTestReply(newcomer, threadId, "First thought"),
      () => createTestReply(newcomer, threadId, "Second thought"),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 429 });
    expect(await replyCount(threadId)).toBe(1);
  });

  it("merging A into B and B into A at once merges one of them, never both into each other", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const a = await createTestThread(author, { kind: "idea", title: "Dark mode" });
    const b = await createTestThread(author, { kind: "idea", title: "A dark theme" });
    const outcomes = await atOnce(
      () => mergeIdea(staff, a, b),
      () => mergeIdea(staff, b, a),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409 });
    const merged = await getDb()
      .selectFrom("threads")
      .select("id")
      .where("id", "in", [a, b])
      .where("merged_into_id", "is not", null)
      .execute();
    expect(merged).toHaveLength(1);
  });

  it("two edits of one reply at once keep both earlier versions, in order", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const postId = await createTestReply(author, threadId, "First draft");
    await atOnce(
      () => editReply(author, postId, "Second draft"),
      () => editReply(author, postId, "Third draft"),
    );
    const post = await getDb().selectFrom("posts").select("body").where("id", "=", postId).executeTakeFirstOrThrow();
    const earlier = await getDb().selectFrom("revisions").select("body").where("post_id", "=", postId).orderBy("id").execute();
    // Whichever edit came second replaced the first one's text, and that text is kept, not lost.
    const [first, second] = post.body === "Third draft" ? ["Second draft", "Third draft"] : ["Third draft", "Second draft"];
    expect(post.body).toBe(second);
    expect(earlier.map((r) => r.body)).toEqual(["First draft", first]);
  });

  it("two edits of one thread at once keep both earlier versions, in order", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { title: "Exports time out" });
    const edit = (title: string) => () => editThread(author, threadId, { title, body: `${title}, in more words.` });
    await atOnce(edit("Exports time out after a minute"), edit("CSV exports time out"));
    const thread = await getDb().selectFrom("threads").select("title").where("id", "=", threadId).executeTakeFirstOrThrow();
    const earlier = await getDb().selectFrom("revisions").select("title").where("thread_id", "=", threadId).orderBy("id").execute();
    const first = thread.title === "CSV exports time out" ? "Exports time out after a minute" : "CSV exports time out";
    expect(earlier.map((r) => r.title)).toEqual(["Exports time out", first]);
  });

  it("two staff crediting one member on one idea at once: one credit, the other is told they are already credited", async () => {
    const author = await createTestUser();
    const helper = await createTestUser();
    const [one, other] = [await createTestUser({ role: "staff" }), await createTestUser({ role: "staff" })];
    const threadId = await createTestThread(author, { kind: "idea", title: "Shared dashboards" });
    await createTestReply(helper, threadId, "Filters should carry over to the shared copy.");
    await getDb().updateTable("threads").set({ status: "under_review" }).where("id", "=", threadId).execute();
    await acceptIdea(one, threadId);
    const outcomes = await atOnce(
      () => creditCoDesigner(one, threadId, { userId: helper.id, contribution: "Asked for filters to carry over" }),
      () => creditCoDesigner(other, threadId, { userId: helper.id, contribution: "Wanted shared copies" }),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ status: 409, fields: { userId: expect.stringContaining("already credited") } });
    const credits = await getDb().selectFrom("co_designers").select("user_id").where("thread_id", "=", threadId).execute();
    expect(credits.map((c) => c.user_id).sort()).toEqual([author.id, helper.id].sort());
    const told = await getDb()
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", helper.id)
      .where("kind", "=", "co_designer_credit")
      .execute();
    expect(told).toHaveLength(1);
    const events = await getDb()
      .selectFrom("idea_events")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("kind", "=", "credit")
      .where("user_id", "=", helper.id)
      .execute();
    expect(events).toHaveLength(1);
  });

  it("marking the same answer twice at once tells its author once", async () => {
    const asker = await createTestUser();
    const threadId = await createTestThread(asker, { kind: "question" });
    const helper = await createTestUser();
    const postId = await createTestReply(helper, threadId, "Try turning it off and on.");
    await atOnce(
      () => markAnswer(asker, threadId, postId),
      () => markAnswer(asker, threadId, postId),
    );
    const told = await getDb()
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", helper.id)
      .where("kind", "=", "answer_accepted")
      .execute();
    expect(told).toHaveLength(1);
  });
});
