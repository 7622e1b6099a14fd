import { getDb } from "~db/client.server";
import { invariantResponse } from "~/utils/http";
import type { ContentRef } from "./moderation.server";

/** The thread a post or thread belongs to, for a focused page's heading and the way back. */
export async function getContentSummary(ref: ContentRef) {
  const row =
    ref.type === "thread"
      ? await getDb()
          .selectFrom("threads")
          .select(["id as threadId", "title", "deleted_at as deletedAt", "hidden_at as hiddenAt", "pinned", "locked", "closed_at as closedAt", "product_id as productId"])
          .where("id", "=", ref.id)
          .executeTakeFirst()
      : await getDb()
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select(["threads.id as threadId", "threads.title", "posts.deleted_at as deletedAt", "posts.hidden_at as hiddenAt", "threads.pinned", "threads.locked", "threads.closed_at as closedAt", "threads.product_id as productId"])
          .where("posts.id", "=", ref.id)
          .executeTakeFirst();
  invariantResponse(row, ref.type === "thread" ? "We couldn't find that thread." : "We couldn't find that reply.", {
    status: 404,
  });
  return row;
}
