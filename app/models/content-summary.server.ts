import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import type { ContentRef } from "./moderation.server";
import { ensure, NotFound } from "./errors.server";

/**
 * The thread a post or thread belongs to, for a focused page's heading and the
 * way back. Hidden and deleted content (or content in a hidden or deleted
 * thread) is a 404 for everyone but staff, as it is on the thread page.
 */
export async function getContentSummary(ref: ContentRef, viewer: Actor) {
  const row =
    ref.type === "thread"
      ? await getDb()
          .selectFrom("threads")
          .select(["id as threadId", "title", "deleted_at as deletedAt", "hidden_at as hiddenAt", "pinned", "locked", "closed_at as closedAt", "product_id as productId"])
          .select(["hidden_at as threadHiddenAt", "deleted_at as threadDeletedAt"])
          .where("id", "=", ref.id)
          .executeTakeFirst()
      : await getDb()
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select(["threads.id as threadId", "threads.title", "posts.deleted_at as deletedAt", "posts.hidden_at as hiddenAt", "threads.pinned", "threads.locked", "threads.closed_at as closedAt", "threads.product_id as productId"])
          .select(["threads.hidden_at as threadHiddenAt", "threads.deleted_at as threadDeletedAt"])
          .where("posts.id", "=", ref.id)
          .executeTakeFirst();
  const visible =
    row !== undefined &&
    (can.seeHiddenContent(viewer) ||
      (row.hiddenAt === null && row.deletedAt === null && row.threadHiddenAt === null && row.threadDeletedAt === null));
  ensure(visible, NotFound, ref.type === "thread" ? "We couldn't find that thread." : "We couldn't find that reply.");
  const { threadHiddenAt: _hidden, threadDeletedAt: _deleted, ...summary } = row;
  return summary;
}
