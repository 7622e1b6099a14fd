import { sql } from "kysely";
import { getDb } from "~db/client.server";
import type { Actor } from "~/auth/permissions.server";
import { visibleTo } from "./content.server";
import { ensure, NotFound, SignInRequired } from "./errors.server";

/**
 * Where each member is in each thread: the newest reply they have been
 * shown (0: only the opening post). A thread page moves it forward, never
 * back; lists count the replies after it the member may see.
 */

/** One upsert that only moves forward: cheap enough for every thread page a member opens. */
export async function recordReadPosition(member: NonNullable<Actor>, threadId: number, lastShownReplyId: number): Promise<void> {
  const now = Date.now();
  await getDb()
    .insertInto("thread_reads")
    .values({ user_id: member.id, thread_id: threadId, last_read_post_id: lastShownReplyId, read_at: now })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "thread_id"])
        .doUpdateSet({ last_read_post_id: lastShownReplyId, read_at: now })
        .where("thread_reads.last_read_post_id", "<", lastShownReplyId),
    )
    .execute();
}

export type Unread = { count: number; firstUnreadPostId: number };

/**
 * For the threads of one list page, how many replies the viewer may see
 * arrived since their last visit, and the first of them: one grouped query.
 * Threads never opened, and visitors, have no entry.
 */
export async function unreadIn(viewer: Actor, threadIds: number[]): Promise<Map<number, Unread>> {
  if (!viewer || threadIds.length === 0) return new Map();
  const rows = await getDb()
    .selectFrom("thread_reads")
    .innerJoin("posts", (join) =>
      join.onRef("posts.thread_id", "=", "thread_reads.thread_id").onRef("posts.id", ">", "thread_reads.last_read_post_id"),
    )
    .select([
      "thread_reads.thread_id as threadId",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.min<number>("posts.id").as("first"),
    ])
    .where("thread_reads.user_id", "=", viewer.id)
    .where("thread_reads.thread_id", "in", threadIds)
    .where(visibleTo(viewer, "posts"))
    .groupBy("thread_reads.thread_id")
    .execute();
  return new Map(rows.map((row) => [row.threadId, { count: Number(row.n), firstUnreadPostId: Number(row.first) }]));
}

/** A list page's threads with the viewer's unread replies in each, where there are any. */
export async function withUnread<T extends { id: number }>(viewer: Actor, threads: T[]): Promise<(T & { unread?: Unread })[]> {
  const unread = await unreadIn(
    viewer,
    threads.map((thread) => thread.id),
  );
  return threads.map((thread) => (unread.has(thread.id) ? { ...thread, unread: unread.get(thread.id) } : thread));
}

/**
 * "Mark all read" on a product: every thread of it the member has opened
 * moves to its newest reply, in one statement. (Threads never opened have
 * no position and show no count.)
 */
export async function markProductRead(actor: Actor, productId: number): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to keep track of what you have read.");
  const db = getDb();
  const product = await db.selectFrom("products").select("id").where("id", "=", productId).executeTakeFirst();
  ensure(product, NotFound, "We couldn't find that product.");
  await db
    .updateTable("thread_reads")
    .set((eb) => ({
      last_read_post_id: eb
        .selectFrom("posts")
        .select((sub) => sub.fn.coalesce(sub.fn.max("posts.id"), sql<number>`0`).as("newest"))
        .whereRef("posts.thread_id", "=", "thread_reads.thread_id"),
      read_at: Date.now(),
    }))
    .where("user_id", "=", actor.id)
    .where("thread_id", "in", db.selectFrom("threads").select("threads.id").where("threads.product_id", "=", productId))
    .execute();
}
