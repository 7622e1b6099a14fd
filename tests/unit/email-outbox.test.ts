import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setEmailPreferences } from "~/email/preferences.server";
import { notify } from "~/models/notification.server";
import { createReply } from "~/models/post.server";
import { createTestThread, createTestUser } from "./factories";

const outboxOf = (userId: number) => getDb().selectFrom("email_outbox").selectAll().where("user_id", "=", userId).execute();
const notificationsOf = (userId: number) => getDb().selectFrom("notifications").selectAll().where("user_id", "=", userId).execute();

describe("the email outbox", () => {
  it("gets the email in the same transaction as the notification it reports", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author, { title: "Exporting to Excel" });
    const replier = await createTestUser();
    const postId = await createReply(replier, threadId, "Use the export button on the report.");

    const [notification] = await notificationsOf(author.id);
    const [email] = await outboxOf(author.id);
    expect(notification).toMatchObject({ kind: "reply", post_id: postId });
    expect(email).toMatchObject({ notification_id: notification?.id, kind: "reply", delivery: "immediate", status: "pending" });
    expect(email?.subject).toContain("Exporting to Excel");
    expect(email?.text_body).toContain("Use the export button on the report.");
  });

  it("quotes a reply in its email as plain text, not Markdown", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    await createReply(
      await createTestUser(),
      threadId,
      "Use the **export** button:\n\n> see [the guide](https://example.com/guide) & `Ctrl+E`",
    );
    const [email] = await outboxOf(author.id);
    expect(email?.text_body).toContain("Use the export button: see the guide & Ctrl+E");
    expect(email?.text_body).not.toMatch(/\*\*|\]\(|`|&amp;/);
  });

  it("writes neither the notification nor the email when the event's transaction fails", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const actor = await createTestUser();
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await notify(trx, [author.id], { kind: "reply", threadId, actorId: actor.id });
          throw new Error("the reply could not be saved");
        }),
    ).rejects.toThrow("the reply could not be saved");
    expect(await notificationsOf(author.id)).toHaveLength(0);
    expect(await outboxOf(author.id)).toHaveLength(0);
  });

  it("follows each member's choice per kind: off queues nothing, daily waits for the digest", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const actor = await createTestUser();
    await setEmailPreferences(author, { reply: "off", status_changed: "daily" });
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await notify(trx, [author.id], { kind: "reply", threadId, actorId: actor.id });
        await notify(trx, [author.id], { kind: "status_changed", threadId, actorId: actor.id, detail: "planned" });
        await notify(trx, [author.id], { kind: "co_designer_credit", threadId, actorId: actor.id });
      });
    expect(await notificationsOf(author.id)).toHaveLength(3);
    const emails = await outboxOf(author.id);
    expect(emails.map((e) => [e.kind, e.delivery])).toEqual([
      ["status_changed", "daily"],
      ["co_designer_credit", "immediate"],
    ]);
  });
});
