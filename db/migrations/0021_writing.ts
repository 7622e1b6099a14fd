import { sql, type Kysely } from "kysely";

/**
 * Writing (issue 20).
 *
 * drafts: a member's unposted text of a new thread or a reply, one per
 * member and place (`key`: "thread:new", "reply:<thread id>"), saved while
 * they type and when posting fails; posting or "Discard" removes it.
 *
 * uploads: images members attached, re-encoded and stored under `storage_key`
 * (app/uploads/). `thread_id` / `post_id`: the post that first showed it,
 * set when that post is saved; while that post is deleted the image is not
 * served. `removed_at`: staff took the image down.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("drafts")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("drafts_pk", ["user_id", "key"])
    .execute();

  await db.schema
    .createTable("uploads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("set null"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("removed_at", "integer")
    .addColumn("removed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("uploads_user").on("uploads").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("uploads_post").on("uploads").columns(["post_id"]).where(sql.ref("post_id"), "is not", null).execute();
  await db.schema.createIndex("uploads_thread").on("uploads").columns(["thread_id"]).where(sql.ref("thread_id"), "is not", null).execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
