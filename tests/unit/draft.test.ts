import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { discardDraft, draftKeys, getDraft, keepRefusedText, replyFormStart, saveDraft } from "~/models/draft.server";
import { hideContent, deleteContent } from "~/models/moderation.server";
import { createReply } from "~/models/post.server";
import { createThread } from "~/models/thread.server";
import { quoteForReply } from "~/models/quote.server";
import { quoteMarkdown } from "~/utils/quote";
import { createTestProduct, createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("drafts", () => {
  it("keep the newest text per member and place, and come back from anywhere", async () => {
    const member = await createTestUser();
    const threadId = await createTestThread(await createTestUser());
    const key = draftKeys.reply(threadId);
    await saveDraft(member, key, { body: "First try" });
    await saveDraft(member, key, { body: "Second try" });
    expect((await getDraft(member, key))?.body).toBe("Second try");
    const rows = await getDb().selectFrom("drafts").selectAll().where("user_id", "=", member.id).execute();
    expect(rows).toHaveLength(1);
    await saveDraft(member, draftKeys.newThread, { title: "A title", body: "" });
    expect(await getDraft(member, draftKeys.newThread)).toMatchObject({ title: "A title", body: "" });
  });

  it("are removed by posting: a reply takes the thread's reply draft, a thread the new-thread draft", async () => {
    const member = await createTestUser();
    const threadId = await createTestThread(await createTestUser());
    await saveDraft(member, draftKeys.reply(threadId), { body: "Nearly done" });
    await saveDraft(member, draftKeys.newThread, { title: "Almost", body: "there" });
    await createReply(member, threadId, "Done");
    expect(await getDraft(member, draftKeys.reply(threadId))).toBeNull();
    expect(await getDraft(member, draftKeys.newThread)).not.toBeNull();
    await createThread(member, { productId: await createTestProduct(), kind: "discussion", title: "Almost there", body: "Text" });
    expect(await getDraft(member, draftKeys.newThread)).toBeNull();
  });

  it("are emptied by Discard or by saving nothing", async () => {
    const member = await createTestUser();
    await saveDraft(member, draftKeys.newThread, { body: "Text" });
    await discardDraft(member, draftKeys.newThread);
    expect(await getDraft(member, draftKeys.newThread)).toBeNull();
    await saveDraft(member, draftKeys.newThread, { body: "Text" });
    await saveDraft(member, draftKeys.newThread, { title: " ", body: "  \n" });
    expect(await getDraft(member, draftKeys.newThread)).toBeNull();
  });

  it("keep a refused post's text", async () => {
    const member = await createTestUser();
    await keepRefusedText(member, draftKeys.newThread, form({ title: "Refused title", body: "Refused body", intent: "post" }));
    expect(await getDraft(member, draftKeys.newThread)).toMatchObject({ title: "Refused title", body: "Refused body" });
  });

  it.each(["", "thread:old", "reply:0", "reply:abc", "reply:1;drop", "x".repeat(300)])(
    "refuse a place that is not one (%j) with 400",
    async (key) => {
      const member = await createTestUser();
      expect(await statusOf(() => saveDraft(member, key, { body: "Text" }))).toBe(400);
      expect(await getDraft(member, key)).toBeNull();
    },
  );

  it("are cut to the form's limits", async () => {
    const member = await createTestUser();
    await saveDraft(member, draftKeys.newThread, { title: "t".repeat(500), body: "b".repeat(30_000) });
    const draft = await getDraft(member, draftKeys.newThread);
    expect([draft?.title?.length, draft?.body.length]).toEqual([200, 20_000]);
  });
});

describe("quoting a post into the reply form", () => {
  it("quotes the stored Markdown with the author and a link back", () => {
    expect(quoteMarkdown({ username: "priya", href: "/posts/7", text: "Line one\n\nLine **two**\r\n" })).toBe(
      "> **@priya** [wrote](/posts/7):\n>\n> Line one\n>\n> Line **two**\n\n",
    );
  });

  it("without JavaScript fills the reply with the whole post, only of this thread and only what the viewer may see", async () => {
    const author = await createTestUser({ username: `quoted${Date.now().toString(36)}` });
    const reader = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const threadId = await createTestThread(author);
    const replyId = await createTestReply(author, threadId, "Use the **retry** button.");
    const elsewhere = await createTestReply(author, await createTestThread(author), "Another thread");
    const quoted = await quoteForReply(reader, threadId, String(replyId));
    expect(quoted).toContain(`[wrote](/posts/${replyId})`);
    expect(quoted).toContain("> Use the **retry** button.");
    expect(await quoteForReply(reader, threadId, "thread")).toMatch(/\[wrote\]\(\/threads\/\d+/);
    expect(await quoteForReply(reader, threadId, String(elsewhere))).toBeNull();
    expect(await quoteForReply(reader, threadId, "nonsense")).toBeNull();
    expect(await quoteForReply(reader, threadId, "99999999")).toBeNull();
    expect(await quoteForReply(null, threadId, String(replyId))).toBeNull();

    await hideContent(staff, { type: "post", id: replyId }, "Spam");
    expect(await quoteForReply(reader, threadId, String(replyId))).toBeNull();
    const other = await createTestReply(author, threadId, "Deleted soon");
    await deleteContent(staff, { type: "post", id: other }, "Off topic");
    expect(await quoteForReply(reader, threadId, String(other))).toBeNull();
  });

  it("comes after the member's own draft", async () => {
    const member = await createTestUser();
    const threadId = await createTestThread(await createTestUser());
    await saveDraft(member, draftKeys.reply(threadId), { body: "My thoughts so far" });
    const start = await replyFormStart(member, threadId, "thread");
    expect(start.text).toMatch(/^My thoughts so far\n\n> \*\*@/);
    expect(start.draft.restoredAt).toEqual(expect.any(Number));
  });
});
