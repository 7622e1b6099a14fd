import { sql, type Kysely } from "kysely";

/**
 * Performance on a large forum (see the README's Performance section).
 *
 * products.thread_count: how many visible (not hidden) threads a product
 * holds, which the home page and the product pickers show. Counting them
 * per request read every thread row; triggers now keep the count in the
 * same statement as any insert, delete, hide, unhide or move, whichever
 * model makes it. The one-time count below runs when this migration does.
 *
 * Two indexes for pages that sorted or scanned threads (found by
 * tests/unit/query-plans.test.ts): the roadmap's planned and in-progress
 * columns by votes, and the answers a member wrote (profile).
 *
 * posts_visible: the visible replies' ids with their thread. Search ranks
 * every match and must skip hidden or deleted replies; this index answers
 * that for each match without reading the (much larger) posts table.
 *
 * search_index automerge 8 (FTS5's default is 4): every write adds a small
 * segment to the full-text index, and FTS5 merges segments as it goes. With
 * a million documents that merging was two thirds of what posting a reply
 * cost the database (300 µs of 450); merging in larger steps costs a third
 * of that, and queries read no measurably more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("products")
    .addColumn("thread_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update products set thread_count =
    (select count(*) from threads where threads.product_id = products.id and threads.hidden_at is null)`.execute(db);

  await sql`create trigger products_thread_count_insert after insert on threads when new.hidden_at is null begin
    update products set thread_count = thread_count + 1 where id = new.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_delete after delete on threads when old.hidden_at is null begin
    update products set thread_count = thread_count - 1 where id = old.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_update after update of product_id, hidden_at on threads
    when old.product_id is not new.product_id or (old.hidden_at is null) <> (new.hidden_at is null) begin
    update products set thread_count = thread_count - 1 where id = old.product_id and old.hidden_at is null;
    update products set thread_count = thread_count + 1 where id = new.product_id and new.hidden_at is null;
  end`.execute(db);

  await db.schema
    .createIndex("threads_idea_votes")
    .on("threads")
    .columns(["status", "vote_count desc", "id desc"])
    .where(sql.ref("kind"), "=", "idea")
    .execute();
  await db.schema
    .createIndex("threads_accepted_answer")
    .on("threads")
    .column("accepted_answer_post_id")
    .where(sql.ref("accepted_answer_post_id"), "is not", null)
    .execute();
  await sql`create index posts_visible on posts (id, thread_id) where hidden_at is null and deleted_at is null`.execute(db);
  await sql`insert into search_index (search_index, rank) values ('automerge', 8)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
