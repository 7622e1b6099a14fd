import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteContent } from "~/models/moderation.server";
import { editReply } from "~/models/post.server";
import { getHistory, setRevisionHidden } from "~/models/revision.server";
import { editThread } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, statusOf } from "./factories";

const post = (id: number) => ({ type: "post" as const, id });
const thread = (id: number) => ({ type: "thread" as const, id });

async function people() {
  return {
    author: await createTestUser(),
    member: await createTestUser(),
    staff: await createTestUser({ role: "staff" }),
  };
}

describe("text removed from a post stays removed", () => {
  it("staff hide a version an author edited out: visitors, members and the author see that it was hidden, not what it said", async () => {
    const { author, member, staff } = await people();
    const postId = await createTestReply(author, await createTestThread(author), "Call me on 555-0100, here is my home address.");
    await editReply(author, postId, "Contact me through the forum.");
    const version = (await getHistory(staff, post(postId))).earlier[0]!;
    expect(version.body).toContain("555-0100");

    await setRevisionHidden(staff, post(postId), version.id, true);
    for (const viewer of [null, member, author]) {
      const history = await getHistory(viewer, post(postId));
      expect(history.earlier[0]).toMatchObject({ body: null, title: null, hidden: { by: null } });
      expect(JSON.stringify(history)).not.toContain("555-0100");
      expect(history.current.body).toBe("Contact me through the forum.");
    }
    const asStaff = await getHistory(staff, post(postId));
    expect(asStaff.earlier[0]).toMatchObject({ body: "Call me on 555-0100, here is my home address.", hidden: { by: expect.any(String) } });

    await setRevisionHidden(staff, post(postId), version.id, false);
    expect((await getHistory(null, post(postId))).earlier[0]?.body).toContain("555-0100");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "post")
      .where("target_id", "=", postId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["post.hide_version", "post.show_version"]);
  });

  it("a staff edit marked as a redaction hides every earlier version, of a thread's title too", async () => {
    const { author, member, staff } = await people();
    const threadId = await createTestThread(author, { title: "Ping jane.doe@corp.example", body: "Ask jane.doe@corp.example" });
    await editThread(author, threadId, { title: "Ping Jane", body: "Ask jane.doe@corp.example again" });
    await editThread(staff, threadId, { title: "Ping our contact", body: "Ask our contact", redact: true });

    const asMember = await getHistory(member, thread(threadId));
    expect(asMember.earlier).toHaveLength(2);
    expect(asMember.earlier.every((v) => v.hidden !== null && v.body === null && v.title === null)).toBe(true);
    expect(JSON.stringify(asMember)).not.toContain("jane.doe");
    expect((await getHistory(staff, thread(threadId))).earlier.map((v) => v.title)).toEqual(["Ping Jane", "Ping jane.doe@corp.example"]);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("action", "=", "thread.redact")
      .where("target_id", "=", threadId)
      .execute();
    expect(audit).toEqual([{ action: "thread.redact", actor_id: staff.id }]);

    // A later ordinary edit keeps its own earlier version visible again.
    await editThread(staff, threadId, { title: "Ping our contact today", body: "Ask our contact" });
    expect((await getHistory(member, thread(threadId))).earlier[0]).toMatchObject({ title: "Ping our contact", hidden: null });
  });

  it("only staff may redact or hide versions, and only versions of the post named", async () => {
    const { author, member, staff } = await people();
    const postId = await createTestReply(author, await createTestThread(author), "first");
    await editReply(author, postId, "second");
    const otherPost = await createTestReply(author, await createTestThread(author), "other first");
    await editReply(author, otherPost, "other second");
    const version = (await getHistory(staff, post(postId))).earlier[0]!.id;
    expect(await statusOf(() => editReply(author, postId, "third", { redact: true }))).toBe(403);
    expect(await statusOf(() => setRevisionHidden(author, post(postId), version, true))).toBe(403);
    expect(await statusOf(() => setRevisionHidden(member, post(postId), version, true))).toBe(403);
    expect(await statusOf(() => setRevisionHidden(staff, post(otherPost), version, true))).toBe(404);
    expect(await statusOf(() => setRevisionHidden(staff, post(postId), version, false))).toBe(409);
    const row = await getDb().selectFrom("posts").select("body").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(row.body).toBe("second");
  });

  it("the history of a deleted reply is for staff only; others get 404", async () => {
    const { author, member, staff } = await people();
    const postId = await createTestReply(author, await createTestThread(author), "first");
    await editReply(author, postId, "second");
    await deleteContent(staff, post(postId), "off topic");
    for (const viewer of [null, member, author]) expect(await statusOf(() => getHistory(viewer, post(postId)))).toBe(404);
    expect((await getHistory(staff, post(postId))).earlier[0]?.body).toBe("first");
  });
});
