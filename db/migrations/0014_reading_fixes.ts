import { sql, type Kysely } from "kysely";

/**
 * Issue 14, what readers trip over.
 *
 * posts_thread_deleted: threads show their replies 50 to a page, and a link
 * to one reply opens the page that holds it. Its page is the number of
 * replies listed before it: all of the thread's replies before it (an
 * index-only count on posts_thread) less the deleted ones, which only staff
 * see. Deleted replies are few; this small partial index counts them
 * without reading the replies themselves, for the page's position and for
 * the number of pages staff see.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("posts_thread_deleted")
    .on("posts")
    .columns(["thread_id", "id"])
    .where(sql.ref("deleted_at"), "is not", null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
