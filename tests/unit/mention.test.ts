import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { extractMentions, renderMarkdown } from "~/markdown/render.server";
import { MAX_MENTION_NOTIFICATIONS } from "~/models/mention.server";
import { createReply, editReply } from "~/models/post.server";
import { createTestThread, createTestUser } from "./factories";

const mentionsOf = async (userId: number) =>
  getDb().selectFrom("notifications").selectAll().where("user_id", "=", userId).where("kind", "=", "mention").execute();

describe("mentions in Markdown", () => {
  it("finds @usernames in text, but not in code, links or email addresses", () => {
    const source = "Hi @Priya and @jonas, mail bob@example.com. `@code` [@linked](https://x.example)\n\n```\n@block\n```\n(@dana)";
    expect(extractMentions(source)).toEqual(["priya", "jonas", "dana"]);
  });

  it("links only members who exist, to their profile", () => {
    const html = renderMarkdown("Ask @priya or @nobody", { mentions: new Set(["priya"]) });
    expect(html).toContain('<a href="/users/priya" class="mention"');
    expect(html).toContain("@nobody");
    expect(html).not.toContain("/users/nobody");
  });
});

describe("mention notifications", () => {
  it("tell a mentioned member, link their profile, and never notify the author", async () => {
    const author = await createTestUser({ username: "mention-author" });
    const threadId = await createTestThread(author);
    const writer = await createTestUser({ username: "mention-writer" });
    const priya = await createTestUser({ username: "mention-priya" });
    const postId = await createReply(writer, threadId, "What do you think, @mention-priya? (and @mention-writer)");
    const [entry] = await mentionsOf(priya.id);
    expect(entry).toMatchObject({ thread_id: threadId, post_id: postId, actor_id: writer.id });
    expect(await mentionsOf(writer.id)).toHaveLength(0);
    const post = await getDb().selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.body_html).toContain('href="/users/mention-priya"');
  });

  it("replace the reply notification for a watcher who is mentioned", async () => {
    const author = await createTestUser({ username: "watching-author" });
    const threadId = await createTestThread(author);
    const writer = await createTestUser();
    await createReply(writer, threadId, "@watching-author here is the answer");
    const kinds = (await getDb().selectFrom("notifications").select("kind").where("user_id", "=", author.id).execute()).map((n) => n.kind);
    expect(kinds).toEqual(["mention"]);
  });

  it("skip suspended members and stop after the first ten", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const suspended = await createTestUser({ username: "mention-suspended", suspendedUntil: Date.now() + 3_600_000 });
    const many = [];
    for (let i = 0; i < MAX_MENTION_NOTIFICATIONS + 2; i++) many.push(await createTestUser({ username: `crowd-${i}` }));
    const writer = await createTestUser();
    await createReply(writer, threadId, `@mention-suspended ${many.map((u, i) => `@crowd-${i}`).join(" ")}`);
    expect(await mentionsOf(suspended.id)).toHaveLength(0);
    const notified = [];
    for (const person of many) notified.push((await mentionsOf(person.id)).length);
    expect(notified.filter((n) => n === 1)).toHaveLength(MAX_MENTION_NOTIFICATIONS);
    expect(notified.slice(MAX_MENTION_NOTIFICATIONS)).toEqual([0, 0]);
  });

  it("on edit, tell only the people the edit adds", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const [first, second] = [await createTestUser({ username: "edit-first" }), await createTestUser({ username: "edit-second" })];
    const writer = await createTestUser();
    const postId = await createReply(writer, threadId, "cc @edit-first");
    await editReply(writer, postId, "cc @edit-first @edit-second");
    expect(await mentionsOf(first.id)).toHaveLength(1);
    expect(await mentionsOf(second.id)).toHaveLength(1);
  });

  it("stay silent while the post is hidden", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const target = await createTestUser({ username: "hidden-target" });
    const writer = await createTestUser();
    const postId = await createReply(writer, threadId, "Nothing yet");
    await getDb().updateTable("posts").set({ hidden_at: Date.now(), hidden_reason: "spam" }).where("id", "=", postId).execute();
    await editReply(writer, postId, "Now with @hidden-target");
    expect(await mentionsOf(target.id)).toHaveLength(0);
  });
});
