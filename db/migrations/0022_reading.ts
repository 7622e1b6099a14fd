import { sql, type Kysely } from "kysely";

/**
 * Reading (issue 20): likes and each member's place in each thread.
 *
 * reactions: a member likes a thread's opening post (post_id null) or one of
 * its replies, once each; two partial unique indexes say "once" for each
 * kind, and a like goes with the member or the post.
 *
 * thread_reads: the newest reply a member has been shown in a thread (0 for
 * the opening post alone). It only moves forward; lists count the visible
 * replies after it as unread.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reactions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reactions_post_user")
    .unique()
    .on("reactions")
    .columns(["post_id", "user_id"])
    .where(sql.ref("post_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("reactions_thread_user")
    .unique()
    .on("reactions")
    .columns(["thread_id", "user_id"])
    .where(sql.ref("post_id"), "is", null)
    .execute();
  await db.schema.createIndex("reactions_thread").on("reactions").columns(["thread_id", "post_id"]).execute();
  await db.schema.createIndex("reactions_user").on("reactions").column("user_id").execute();

  await db.schema
    .createTable("thread_reads")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("last_read_post_id", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("read_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_reads_pk", ["user_id", "thread_id"])
    .execute();
  await db.schema.createIndex("thread_reads_thread").on("thread_reads").column("thread_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
