import { listQuery } from "./thread.server";

export const FEED_SIZE = 30;

/** The newest threads everyone may see, site-wide or of one product, with what a feed entry shows: a feed is public. */
export async function listFeedThreads(productId: number | null = null) {
  let query = listQuery(null).select(["threads.body_html as bodyHtml", "threads.edited_at as editedAt"]);
  if (productId !== null) query = query.where("threads.product_id", "=", productId);
  return query.orderBy("threads.created_at", "desc").orderBy("threads.id", "desc").limit(FEED_SIZE).execute();
}

export type FeedThread = Awaited<ReturnType<typeof listFeedThreads>>[number];
