import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { flagContent, listFlagQueue, resolveFlags } from "~/models/flag.server";
import { editReply } from "~/models/post.server";
import { getThreadPage } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";
import { restoreSettings, setSettings } from "./settings";

afterEach(() => restoreSettings());

async function flaggedReply() {
  const author = await createTestUser();
  const threadId = await createTestThread(author);
  const spammer = await createTestUser();
  const postId = await createTestReply(spammer, threadId, "Buy cheap watches");
  return { threadId, postId, spammer };
}

const postRow = (id: number) => getDb().selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** A member who has been around and posted enough to be trusted: their flags count. */
async function trustedMember() {
  const member = await createTestUser();
  await getDb().updateTable("users").set({ trust_level: 1 }).where("id", "=", member.id).execute();
  return member;
}
const spam = { reason: "spam" as const, note: "" };

describe("flagging", () => {
  it("hides a reply once three trusted members flag it, tells its author why, and shows others a placeholder", async () => {
    const { threadId, postId, spammer } = await flaggedReply();
    const [a, b, c] = [await trustedMember(), await trustedMember(), await trustedMember()];
    expect(await flagContent(a, { type: "post", id: postId }, spam)).toEqual({ hidden: false });
    expect(await flagContent(b, { type: "post", id: postId }, spam)).toEqual({ hidden: false });
    expect((await postRow(postId)).hidden_at).toBeNull();
    expect(await flagContent(c, { type: "post", id: postId }, spam)).toEqual({ hidden: true });

    const post = await postRow(postId);
    expect(post.hidden_at).not.toBeNull();
    expect(post.hidden_reason).toBe("flagged by the community as spam");
    const told = await getDb().selectFrom("notifications").selectAll().where("user_id", "=", spammer.id).execute();
    expect(told).toMatchObject([{ kind: "content_hidden", post_id: postId }]);

    const asVisitor = await getThreadPage(threadId, null);
    expect(asVisitor.replies[0]).toMatchObject({ bodyHtml: "", hidden: { placeholder: true } });
    const asAuthor = await getThreadPage(threadId, spammer);
    expect(asAuthor.replies[0]?.bodyHtml).toContain("Buy cheap watches");
    const asStaff = await getThreadPage(threadId, await createTestUser({ role: "staff" }));
    expect(asStaff.replies[0]?.hidden).toEqual({ reason: "flagged by the community as spam", placeholder: false });
  });

  it("counts a staff flag twice, and the threshold is configurable", async () => {
    setSettings({ FLAG_HIDE_THRESHOLD: "2" });
    const { postId } = await flaggedReply();
    expect(await flagContent(await createTestUser({ role: "staff" }), { type: "post", id: postId }, spam)).toEqual({ hidden: true });
  });

  it("refuses a second flag by the same member (409), one's own post (403) and a visitor (401)", async () => {
    const { postId, spammer } = await flaggedReply();
    const member = await createTestUser();
    await flagContent(member, { type: "post", id: postId }, spam);
    expect(await statusOf(() => flagContent(member, { type: "post", id: postId }, spam))).toBe(409);
    expect(await statusOf(() => flagContent(spammer, { type: "post", id: postId }, spam))).toBe(403);
    expect(await statusOf(() => flagContent(null, { type: "post", id: postId }, spam))).toBe(401);
    const flags = await getDb().selectFrom("flags").select("id").where("post_id", "=", postId).execute();
    expect(flags).toHaveLength(1);
  });

  it("from accounts made seconds earlier hide nothing: they wait in the queue, and count once their flaggers are trusted", async () => {
    setSettings({ NEW_MEMBER_HOURS: "24", TRUSTED_AFTER_POSTS: "3" });
    const author = await createTestUser({ role: "admin" });
    const { postId } = await flaggedReply();
    const fresh = [await createTestUser(), await createTestUser(), await createTestUser()];
    for (const member of fresh) expect(await flagContent(member, { type: "post", id: postId }, spam)).toEqual({ hidden: false });
    expect((await postRow(postId)).hidden_at).toBeNull();
    const entry = (await listFlagQueue(author)).find((e) => e.ref.type === "post" && e.ref.id === postId);
    expect(entry).toMatchObject({ hidden: false, weight: 0 });
    expect(entry?.flags.map((f) => f.counts)).toEqual([false, false, false]);

    // A day later one of them has posted three times: their flag counts now, with the next one.
    const [veteran] = fresh;
    const threadId = await createTestThread(veteran!);
    for (const text of ["one", "two"]) await createTestReply(veteran!, threadId, text);
    await getDb()
      .updateTable("users")
      .set({ created_at: Date.now() - 25 * 3_600_000 })
      .where("id", "=", veteran!.id)
      .execute();
    await flagContent(await trustedMember(), { type: "post", id: postId }, spam);
    expect((await postRow(postId)).hidden_at).toBeNull();
    expect(await flagContent(veteran!, { type: "thread", id: await createTestThread(author) }, spam)).toEqual({ hidden: false });
    expect(await flagContent(await trustedMember(), { type: "post", id: postId }, spam)).toEqual({ hidden: true });
  });

  it("never hide a staff member's post by themselves: the flags go to the queue", async () => {
    const staff = await createTestUser({ role: "staff" });
    const threadId = await createTestThread(staff, { title: "Release notes" });
    for (let i = 0; i < 4; i++)
      expect(await flagContent(await trustedMember(), { type: "thread", id: threadId }, spam)).toEqual({ hidden: false });
    expect(
      (await getDb().selectFrom("threads").select("hidden_at").where("id", "=", threadId).executeTakeFirstOrThrow()).hidden_at,
    ).toBeNull();
    const entry = (await listFlagQueue(await createTestUser({ role: "admin" }))).find(
      (e) => e.ref.type === "thread" && e.ref.id === threadId,
    );
    expect(entry).toMatchObject({ hidden: false, weight: 4 });
  });

  it("answers 404 for a reply that does not exist", async () => {
    expect(await statusOf(async () => flagContent(await createTestUser(), { type: "post", id: 999_999 }, spam))).toBe(404);
  });
});

describe("the review queue", () => {
  it("lists open flags to staff only, and 'disagree' shows the post again and closes its flags", async () => {
    setSettings({ FLAG_HIDE_THRESHOLD: "1" });
    const { postId } = await flaggedReply();
    const staff = await createTestUser({ role: "staff" });
    await flagContent(await trustedMember(), { type: "post", id: postId }, spam);
    expect(await statusOf(async () => listFlagQueue(await createTestUser()))).toBe(403);
    const queue = await listFlagQueue(staff);
    expect(queue.find((e) => e.ref.type === "post" && e.ref.id === postId)).toMatchObject({ hidden: true, weight: 1 });

    await resolveFlags(staff, { type: "post", id: postId }, "disagree");
    expect((await postRow(postId)).hidden_at).toBeNull();
    expect((await listFlagQueue(staff)).some((e) => e.ref.id === postId && e.ref.type === "post")).toBe(false);
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", postId)
      .where("action", "like", "flag.%")
      .execute();
    expect(audit).toMatchObject([{ action: "flag.disagree", actor_id: staff.id, target_type: "post" }]);
  });

  it("'agree' hides the post; when its author edits it, the flags come back for review", async () => {
    const { postId, spammer } = await flaggedReply();
    const staff = await createTestUser({ role: "staff" });
    await flagContent(await trustedMember(), { type: "post", id: postId }, spam);
    await resolveFlags(staff, { type: "post", id: postId }, "agree");
    expect((await postRow(postId)).hidden_at).not.toBeNull();
    expect((await listFlagQueue(staff)).some((e) => e.ref.id === postId && e.ref.type === "post")).toBe(false);

    await editReply(spammer, postId, "Sorry, here is my real question about exports.");
    const entry = (await listFlagQueue(staff)).find((e) => e.ref.id === postId && e.ref.type === "post");
    // The queue shows the post as the site does: its stored, sanitized HTML.
    expect(entry).toMatchObject({ hidden: true, editedAfterFlag: true, bodyHtml: "<p>Sorry, here is my real question about exports.</p>" });
  });

  it("refuses decisions by members (403) and with no open flags (409)", async () => {
    const { postId } = await flaggedReply();
    expect(await statusOf(async () => resolveFlags(await createTestUser(), { type: "post", id: postId }, "agree"))).toBe(403);
    expect(await statusOf(async () => resolveFlags(await createTestUser({ role: "staff" }), { type: "post", id: postId }, "dismiss"))).toBe(
      409,
    );
  });
});
