import { getDb } from "~db/client.server";
import type { NotificationKind } from "~db/schema";
import type { Actor } from "~/auth/permissions.server";
import { describeNotificationGroup } from "~/email/templates.server";
import { threadPath } from "~/utils/slug";
import { visibleTo } from "./content.server";
import { notificationsOf } from "./notification.server";
import { locateReply } from "./reply-pages.server";
import { recordReadPosition } from "./read-position.server";
import { ensure, NotFound, SignInRequired } from "./errors.server";

/**
 * A member's notifications as the notifications page shows them, and how
 * they become read: by following one (/notifications/:id), by seeing what it
 * points at on a thread page, or by the page's buttons.
 */

/** The newest notifications read for the page; they are grouped into at most GROUPS_SHOWN lines. */
const WINDOW = 200;
const GROUPS_SHOWN = 50;

type Row = {
  id: number;
  kind: NotificationKind;
  threadId: number | null;
  postId: number | null;
  detail: string;
  createdAt: number;
  readAt: number | null;
  threadTitle: string | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
};

/** Kinds whose notifications each point at a different reply: a group's link goes to the first one not yet read. */
const ABOUT_REPLIES = new Set<NotificationKind>(["reply", "mention"]);

/**
 * The notifications page: several notifications of one kind about one
 * thread, all unread or all read, make one line ("3 new replies in …"),
 * newest line first. Each line links through /notifications/:id. Only
 * those about what the member may still see (notificationsOf).
 */
export async function listNotifications(actor: Actor) {
  ensure(actor, SignInRequired, "Sign in to see your notifications.");
  const rows: Row[] = await notificationsOf(actor)
    .leftJoin("users as actor", "actor.id", "notifications.actor_id")
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.thread_id as threadId",
      "notifications.post_id as postId",
      "notifications.detail",
      "notifications.created_at as createdAt",
      "notifications.read_at as readAt",
      "threads.title as threadTitle",
      "actor.username as actorUsername",
      "actor.display_name as actorDisplayName",
    ])
    .orderBy("notifications.id", "desc")
    .limit(WINDOW)
    .execute();
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    // Likes group per post ("Priya and 3 others liked your reply"), the rest per thread and kind.
    const about = row.kind === "like" ? `:${row.postId ?? "opening"}` : "";
    const key = row.threadId === null ? `one:${row.id}` : `${row.readAt === null ? "unread" : "read"}:${row.threadId}:${row.kind}${about}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].slice(0, GROUPS_SHOWN).map(describeGroup);
}

/** One line of the page; `rows` is newest first. */
function describeGroup(rows: Row[]) {
  const newest = rows[0]!;
  const unread = newest.readAt === null;
  const target = unread && ABOUT_REPLIES.has(newest.kind) ? rows.at(-1)! : newest;
  return {
    id: target.id,
    kind: newest.kind,
    unread,
    count: rows.length,
    createdAt: newest.createdAt,
    sentence: describeNotificationGroup(
      {
        kind: newest.kind,
        threadTitle: newest.threadTitle ?? "a thread that was removed",
        threadUrl: "",
        actorName: newest.actorDisplayName ?? newest.actorUsername ?? null,
        detail: newest.detail,
      },
      rows.length,
      unread,
    ),
    href: `/notifications/${target.id}`,
  };
}

/** One of the actor's own notifications; another member's is a 404. */
async function requireOwnNotification(actor: Actor, notificationId: number) {
  ensure(actor, SignInRequired, "Sign in to see your notifications.");
  const row = await getDb()
    .selectFrom("notifications")
    .select(["id", "kind", "thread_id as threadId", "post_id as postId"])
    .where("id", "=", notificationId)
    .where("user_id", "=", actor.id)
    .executeTakeFirst();
  ensure(row, NotFound, "We couldn't find that notification.");
  return { ...row, userId: actor.id };
}

/** Marks read the line a notification belongs to: every unread one of its kind about its thread (likes: about its post). */
async function markLineRead(row: { id: number; userId: number; kind: NotificationKind; threadId: number | null; postId: number | null }) {
  await getDb()
    .updateTable("notifications")
    .set({ read_at: Date.now() })
    .where("user_id", "=", row.userId)
    .where("read_at", "is", null)
    .$if(row.threadId === null, (qb) => qb.where("id", "=", row.id))
    .$if(row.threadId !== null, (qb) => qb.where("thread_id", "=", row.threadId!).where("kind", "=", row.kind))
    .$if(row.threadId !== null && row.kind === "like", (qb) =>
      qb.where((eb) => (row.postId === null ? eb("post_id", "is", null) : eb("post_id", "=", row.postId))),
    )
    .execute();
}

/** Where each kind of notification lands on its thread's page. */
const anchors: Partial<Record<NotificationKind, string>> = {
  status_changed: "#timeline",
  co_designer_credit: "#codesigners",
  verdict_request: "#verdict",
  on_behalf_vote: "#on-behalf",
  measure_update: "#measures",
  idea_merged: "#use-cases",
  codesign_invite: "#codesign",
};

/**
 * Following a notification: its line becomes read, and the member lands on
 * the exact place it points at (the reply on its page, the verdict form …).
 */
export async function openNotification(actor: Actor, notificationId: number): Promise<string> {
  const row = await requireOwnNotification(actor, notificationId);
  await markLineRead(row);
  if (row.threadId === null) return "/notifications";
  // A thread the member may no longer see is not named, not even in its address.
  const thread = await getDb()
    .selectFrom("threads")
    .select(["threads.id", "threads.title"])
    .where("threads.id", "=", row.threadId)
    .where(visibleTo(actor))
    .executeTakeFirst();
  if (!thread) return "/notifications";
  if (row.postId !== null) {
    try {
      return await locateReply(actor, row.postId);
    } catch (error) {
      // The reply was deleted since: the thread is the nearest place.
      if (!(error instanceof NotFound)) throw error;
    }
  }
  return threadPath(thread) + (anchors[row.kind] ?? "");
}

/** The "Mark as read" button of one line. */
export async function markRead(actor: Actor, notificationId: number): Promise<void> {
  await markLineRead(await requireOwnNotification(actor, notificationId));
}

export async function markAllRead(actor: Actor): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to manage your notifications.");
  await getDb()
    .updateTable("notifications")
    .set({ read_at: Date.now() })
    .where("user_id", "=", actor.id)
    .where("read_at", "is", null)
    .execute();
}

/**
 * A thread page was shown to a member: the notifications about what it
 * showed are read, however they got there (an email, a list, a link): those
 * about the replies on this page, and, on the first page (where the
 * timeline, credits and measures are), those about the thread itself. The
 * member's read position (app/models/read-position.server.ts) moves here too.
 */
export async function markSeenOnThreadPage(
  viewer: Actor,
  threadId: number,
  shownPostIds: number[],
  firstPage: boolean,
  readUpTo = Math.max(0, ...shownPostIds),
) {
  if (!viewer) return;
  await recordReadPosition(viewer, threadId, readUpTo);
  const unread = await getDb()
    .selectFrom("notifications")
    .select(["id", "post_id as postId"])
    .where("user_id", "=", viewer.id)
    .where("read_at", "is", null)
    .where("thread_id", "=", threadId)
    .execute();
  const shown = new Set(shownPostIds);
  const seen = unread.filter((n) => (n.postId === null ? firstPage : shown.has(n.postId))).map((n) => n.id);
  if (seen.length === 0) return;
  await getDb().updateTable("notifications").set({ read_at: Date.now() }).where("id", "in", seen).where("read_at", "is", null).execute();
}
