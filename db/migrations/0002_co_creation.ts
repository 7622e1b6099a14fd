import { sql, type Kysely } from "kysely";

/** Idea lifecycle, success measures, staff notes, subscriptions, notifications and the email outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("threads")
    .addColumn("merged_into_id", "integer", (c) => c.references("threads.id"))
    .execute();
  await db.schema.alterTable("threads").addColumn("status_changed_at", "integer").execute();
  await db.schema
    .createIndex("threads_idea_status")
    .on("threads")
    .columns(["status", "status_changed_at"])
    .where(sql.ref("kind"), "=", "idea")
    .execute();

  await db.schema
    .createTable("status_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("note_html", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("merged_into_id", "integer", (c) => c.references("threads.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("status_changes_thread").on("status_changes").columns(["thread_id", "id"]).execute();

  await db.schema
    .createTable("success_measures")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.check(sql`verdict in ('met', 'partly', 'not_met')`))
    .addColumn("verdict_comment", "text")
    .addColumn("verdict_at", "integer")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("success_measures_one_per_member", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("success_measures_user").on("success_measures").column("user_id").execute();

  await db.schema
    .createTable("staff_notes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("staff_notes_thread").on("staff_notes").columns(["thread_id", "id"]).execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('watching', 'status', 'muted')`))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("subscriptions_pk", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("subscriptions_user").on("subscriptions").column("user_id").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("read_at", "integer")
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("notifications_unread").on("notifications").column("user_id").where(sql.ref("read_at"), "is", null).execute();

  await db.schema
    .createTable("email_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('immediate', 'daily', 'off')`))
    .addPrimaryKeyConstraint("email_preferences_pk", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("notification_id", "integer", (c) => c.references("notifications.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('immediate', 'daily')`))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("digest_id", "integer")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("sent_at", "integer")
    .execute();
  await db.schema.createIndex("email_outbox_due").on("email_outbox").columns(["status", "delivery", "next_attempt_at"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
