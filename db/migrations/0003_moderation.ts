import { sql, type Kysely } from "kysely";

/** Flags, staff tools (close, delete, move), suspensions, trust, the audit log and archived products. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ["threads", "posts"]) {
    await db.schema.alterTable(table).addColumn("hidden_reason", "text").execute();
    await db.schema.alterTable(table).addColumn("deleted_at", "integer").execute();
    await db.schema
      .alterTable(table)
      .addColumn("deleted_by", "integer", (c) => c.references("users.id"))
      .execute();
    await db.schema.alterTable(table).addColumn("delete_reason", "text").execute();
    await db.schema
      .alterTable(table)
      .addColumn("edited_by", "integer", (c) => c.references("users.id"))
      .execute();
  }
  await db.schema.alterTable("threads").addColumn("closed_at", "integer").execute();

  await db.schema.alterTable("users").addColumn("suspended_reason", "text").execute();
  await db.schema
    .alterTable("users")
    .addColumn("trust_level", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("products").addColumn("archived_at", "integer").execute();

  await db.schema
    .createTable("flags")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('spam', 'offensive', 'off_topic', 'other')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'agreed', 'disagreed', 'dismissed')`),
    )
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolved_at", "integer")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addCheckConstraint("flags_one_target", sql`(thread_id is null) <> (post_id is null)`)
    .execute();
  await db.schema
    .createIndex("flags_once_per_thread")
    .on("flags")
    .columns(["thread_id", "user_id"])
    .unique()
    .where(sql.ref("thread_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("flags_once_per_post")
    .on("flags")
    .columns(["post_id", "user_id"])
    .unique()
    .where(sql.ref("post_id"), "is not", null)
    .execute();
  await db.schema.createIndex("flags_queue").on("flags").columns(["status", "id"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "integer")
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_action").on("audit_log").columns(["action", "id"]).execute();
  await db.schema.createIndex("audit_log_actor").on("audit_log").columns(["actor_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
