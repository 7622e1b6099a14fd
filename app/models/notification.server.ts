import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, NotificationKind } from "~db/schema";
import { queueEmails } from "~/email/outbox.server";
import { notificationEmail } from "~/email/templates.server";
import { inChunks } from "~/utils/chunks";
import { siteUrl } from "~/utils/site-url.server";
import { replyPath, threadPath } from "~/utils/slug";
import { getSiteSettings } from "./site-settings.server";

export type NotificationEvent = {
  kind: NotificationKind;
  threadId: number;
  postId?: number | null;
  actorId?: number | null;
  /** Plain text that completes the sentence, e.g. the new status. */
  detail?: string;
  /** A short plain-text excerpt for the email. */
  excerpt?: string;
};

/**
 * Records a notification for each recipient (never the actor) and queues its
 * email, all inside the caller's transaction.
 */
export async function notify(trx: Transaction<Database>, recipients: number[], event: NotificationEvent): Promise<void> {
  const userIds = [...new Set(recipients)].filter((id) => id !== event.actorId);
  if (userIds.length === 0) return;
  const thread = await trx
    .selectFrom("threads")
    .select(["id", "title"])
    .where("id", "=", event.threadId)
    .executeTakeFirstOrThrow();
  const actor = event.actorId
    ? await trx
        .selectFrom("users")
        .select(["username", "display_name"])
        .where("id", "=", event.actorId)
        .executeTakeFirst()
    : undefined;
  const facts = {
    kind: event.kind,
    threadTitle: thread.title,
    threadUrl: siteUrl(event.postId ? replyPath(event.postId) : threadPath(thread)),
    actorName: actor ? (actor.display_name ?? actor.username) : null,
    detail: event.detail ?? "",
    excerpt: event.excerpt,
  };
  const email = notificationEmail({ ...facts, siteName: (await getSiteSettings(trx)).siteName });
  const now = Date.now();
  // One insert per batch of recipients, not one per recipient: a busy thread has hundreds of watchers.
  const rows: { id: number; user_id: number }[] = [];
  for (const chunk of inChunks(userIds, 200)) {
    const inserted = await trx
      .insertInto("notifications")
      .values(
        chunk.map((userId) => ({
          user_id: userId,
          kind: event.kind,
          thread_id: event.threadId,
          post_id: event.postId ?? null,
          actor_id: event.actorId ?? null,
          detail: event.detail ?? "",
          created_at: now,
          read_at: null,
        })),
      )
      .returning(["id", "user_id"])
      .execute();
    rows.push(...inserted);
  }
  await queueEmails(trx, rows.map((row) => ({ userId: row.user_id, notificationId: row.id, kind: event.kind, ...email })));
}

export async function countUnread(userId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
