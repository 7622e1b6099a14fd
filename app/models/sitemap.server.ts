import { getDb } from "~db/client.server";
import { publicContent } from "./content.server";

/** Sitemap files hold at most this many URLs (the protocol's limit). */
export const SITEMAP_PAGE_SIZE = 50_000;

/**
 * Threads are split into sitemap files by id range: file n holds ids
 * ((n-1)·50,000, n·50,000], so no file exceeds the limit and each is read
 * straight off the primary key.
 */
export async function threadSitemapCount(): Promise<number> {
  const row = await getDb()
    .selectFrom("threads")
    .select((eb) => eb.fn.max("id").as("maxId"))
    .executeTakeFirst();
  return Math.max(1, Math.ceil((row?.maxId ?? 0) / SITEMAP_PAGE_SIZE));
}

export async function threadSitemapEntries(file: number) {
  return getDb()
    .selectFrom("threads")
    .select(["threads.id", "threads.title", "threads.last_activity_at as lastActivityAt", "threads.edited_at as editedAt"])
    .where("threads.id", ">", (file - 1) * SITEMAP_PAGE_SIZE)
    .where("threads.id", "<=", file * SITEMAP_PAGE_SIZE)
    .where(publicContent())
    .orderBy("threads.id")
    .execute();
}

/** Products and tags: the other pages worth indexing. */
export async function listingSitemapEntries() {
  const db = getDb();
  const [products, tags] = await Promise.all([
    db.selectFrom("products").select("slug").where("archived_at", "is", null).orderBy("position").execute(),
    db.selectFrom("tags").select("slug").orderBy("slug").execute(),
  ]);
  return { products: products.map((p) => p.slug), tags: tags.map((t) => t.slug) };
}
