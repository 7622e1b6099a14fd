import { sql, type Kysely } from "kysely";

/**
 * Discovery: tags, the full-text search index and the indexes every list sort
 * pages through.
 *
 * search_index holds one row per visible thread (rowid = id * 2, title and
 * body) and one per visible reply (rowid = id * 2 + 1, body only). Triggers
 * keep it current: a thread or reply is (re)indexed on write and dropped as
 * soon as it is hidden or deleted. Queries still join threads and posts and
 * check visibility, so nothing hidden can surface even if a row lingers.
 * Staff notes live in their own table and are never indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tags")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("thread_tags")
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("thread_tags_pk", ["thread_id", "tag_id"])
    .execute();
  await db.schema.createIndex("thread_tags_tag").on("thread_tags").columns(["tag_id", "thread_id"]).execute();

  // One index per list sort, in the order its keyset cursor walks (see thread-list.server.ts).
  // The activity sort uses threads_product_activity from 0001.
  for (const [name, key] of [
    ["threads_product_created", "created_at"],
    ["threads_product_votes", "vote_count"],
    ["threads_product_replies", "reply_count"],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("threads")
      .columns(["product_id", "pinned desc", `${key} desc`, "id desc"])
      .execute();
  }
  // Newest threads site-wide and per product, for the Atom feeds.
  await db.schema.createIndex("threads_created").on("threads").columns(["created_at desc", "id desc"]).execute();
  await db.schema.createIndex("threads_product_newest").on("threads").columns(["product_id", "created_at desc", "id desc"]).execute();

  await sql`create virtual table search_index using fts5(
    title, body, thread_id unindexed, post_id unindexed,
    tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);

  const visibleThread = (row: "new" | "t") => sql.raw(`${row}.hidden_at is null and ${row}.deleted_at is null`);
  const visiblePost = (row: "new" | "p") => sql.raw(`${row}.hidden_at is null and ${row}.deleted_at is null`);

  await sql`create trigger search_threads_insert after insert on threads when ${visibleThread("new")} begin
    insert into search_index (rowid, title, body, thread_id, post_id) values (new.id * 2, new.title, new.body, new.id, null);
  end`.execute(db);
  await sql`create trigger search_threads_update after update of title, body, hidden_at, deleted_at on threads begin
    delete from search_index where rowid = old.id * 2;
    insert into search_index (rowid, title, body, thread_id, post_id)
      select new.id * 2, new.title, new.body, new.id, null where ${visibleThread("new")};
  end`.execute(db);
  await sql`create trigger search_threads_delete after delete on threads begin
    delete from search_index where rowid = old.id * 2;
  end`.execute(db);

  await sql`create trigger search_posts_insert after insert on posts when ${visiblePost("new")} begin
    insert into search_index (rowid, title, body, thread_id, post_id) values (new.id * 2 + 1, '', new.body, new.thread_id, new.id);
  end`.execute(db);
  await sql`create trigger search_posts_update after update of body, thread_id, hidden_at, deleted_at on posts begin
    delete from search_index where rowid = old.id * 2 + 1;
    insert into search_index (rowid, title, body, thread_id, post_id)
      select new.id * 2 + 1, '', new.body, new.thread_id, new.id where ${visiblePost("new")};
  end`.execute(db);
  await sql`create trigger search_posts_delete after delete on posts begin
    delete from search_index where rowid = old.id * 2 + 1;
  end`.execute(db);

  // Index what already exists.
  await sql`insert into search_index (rowid, title, body, thread_id, post_id)
    select t.id * 2, t.title, t.body, t.id, null from threads t where ${visibleThread("t")}`.execute(db);
  await sql`insert into search_index (rowid, title, body, thread_id, post_id)
    select p.id * 2 + 1, '', p.body, p.thread_id, p.id from posts p where ${visiblePost("p")}`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
