import { sql, type Kysely } from "kysely";

/**
 * Performance, second round (see the README's Performance section).
 *
 * search_pending: new replies wait here to enter the full-text index
 * instead of entering it inside the reply's own transaction. FTS5 writes
 * every transaction's entries as a new segment and merges segments as it
 * goes; one reply per transaction made that a third of a reply's cost and
 * its slowest moments (merges of 20–100 ms every few hundred replies). The
 * queue row is written in the reply's transaction, so no reply can be
 * missed; app/models/search-index.server.ts moves the queue into the index
 * in batches (hundreds of replies cost about what one did), every half
 * second and always before a search runs, so a search never misses a reply.
 * Edits, hiding, unhiding and deleting still update the index at once
 * (0006's update and delete triggers), and a reply hidden or deleted
 * while it waits is simply not indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table search_pending (post_id integer primary key)`.execute(db);
  await sql`drop trigger search_posts_insert`.execute(db);
  await sql`create trigger search_posts_insert after insert on posts when new.hidden_at is null and new.deleted_at is null begin
    insert or ignore into search_pending (post_id) values (new.id);
  end`.execute(db);
  await sql`create trigger search_posts_pending_delete after delete on posts begin
    delete from search_pending where post_id = old.id;
  end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
