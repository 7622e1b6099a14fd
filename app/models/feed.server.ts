import { getDb } from "~db/client.server";

export const FEED_SIZE = 30;

/** The newest visible threads, site-wide or of one product, with what a feed entry shows. */
export async function listFeedThreads(productId: number | null = null) {
  let query = getDb()
    .selectFrom("threads")
    .innerJoin("users", "users.id", "threads.author_id")
    .innerJoin("products", "products.id", "threads.product_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.kind",
      "threads.body_html as bodyHtml",
      "threads.created_at as createdAt",
      "threads.edited_at as editedAt",
      "users.username as authorUsername",
      "users.display_name as authorDisplayName",
      "products.name as productName",
    ])
    .where("threads.hidden_at", "is", null)
    .where("threads.deleted_at", "is", null);
  if (productId !== null) query = query.where("threads.product_id", "=", productId);
  return query.orderBy("threads.created_at", "desc").orderBy("threads.id", "desc").limit(FEED_SIZE).execute();
}

export type FeedThread = Awaited<ReturnType<typeof listFeedThreads>>[number];
