import { getDb } from "~db/client.server";
import { FEED_SIZE } from "./feed.server";

/**
 * Shipped ideas, most recently shipped first, each with the latest public
 * status note staff wrote (usually "what shipped"). Hidden, deleted and
 * merged ideas are left out; staff notes are a different table and never read.
 */
export async function listShippedIdeasForFeed() {
  return getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select((eb) => [
      "threads.id",
      "threads.title",
      "threads.body_html as bodyHtml",
      "threads.status_changed_at as shippedAt",
      "threads.co_designed_at as coDesignedAt",
      "products.name as productName",
      eb
        .selectFrom("status_changes")
        .select("status_changes.note_html")
        .whereRef("status_changes.thread_id", "=", "threads.id")
        .where("status_changes.note_html", "!=", "")
        .orderBy("status_changes.id", "desc")
        .limit(1)
        .as("noteHtml"),
    ])
    .where("threads.kind", "=", "idea")
    .where("threads.status", "=", "shipped")
    .where("threads.hidden_at", "is", null)
    .where("threads.deleted_at", "is", null)
    .where("threads.merged_into_id", "is", null)
    .orderBy("threads.status_changed_at", "desc")
    .orderBy("threads.id", "desc")
    .limit(FEED_SIZE)
    .execute();
}

export type ShippedIdea = Awaited<ReturnType<typeof listShippedIdeasForFeed>>[number];
