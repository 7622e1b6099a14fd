import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, NotificationKind } from "~db/schema";
import type { Actor } from "~/auth/permissions.server";
import { queueEmails } from "~/email/outbox.server";
import { notificationEmail } from "~/email/templates.server";
import { inChunks } from "~/utils/chunks";
import { siteUrl } from "~/http/site-url.server";
import { replyPath, threadPath } from "~/utils/slug";
import { replyFacts, threadFacts, visibleTo, whoMaySee } from "./content.server";
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
 * Records a notification for each recipient (never the actor, nobody who may
 * not see the thread or reply it is about) and queues its email, all inside
 * the caller's transaction.
 */
export async function notify(trx: Transaction<Database>, recipients: number[], event: NotificationEvent): Promise<void> {
  const candidates = [...new Set(recipients)].filter((id) => id !== event.actorId);
  if (candidates.length === 0) return;
  const thread = await trx
    .selectFrom("threads")
    .select(["threads.id", "threads.title", ...threadFacts])
    .where("threads.id", "=", event.threadId)
    .executeTakeFirstOrThrow();
  const reply = event.postId
    ? await trx.selectFrom("posts").select(replyFacts).where("posts.id", "=", event.postId).executeTakeFirstOrThrow()
    : null;
  const userIds = await whoMaySee(trx, candidates, reply ? [thread, reply] : [thread]);
  if (userIds.length === 0) return;
  const actor = event.actorId
    ? await trx.selectFrom("users").select(["username", "display_name"]).where("id", "=", event.actorId).executeTakeFirst()
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
  await queueEmails(
    trx,
    rows.map((row) => ({ userId: row.user_id, notificationId: row.id, kind: event.kind, ...email })),
  );
}

/**
 * A member's notifications that are about what they may still see: one about
 * a thread hidden or deleted since is in neither their list nor their count.
 */
export function notificationsOf(member: NonNullable<Actor>) {
  return getDb()
    .selectFrom("notifications")
    .leftJoin("threads", "threads.id", "notifications.thread_id")
    .where("notifications.user_id", "=", member.id)
    .where(visibleTo(member));
}

export async function countUnread(member: NonNullable<Actor>): Promise<number> {
  const row = await notificationsOf(member)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("notifications.read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
