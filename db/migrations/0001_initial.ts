import { sql, type Kysely } from "kysely";

// Migrations only move forward: a later change gets a new numbered file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("username", "text", (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn("display_name", "text")
    .addColumn("email", "text", (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .defaultTo("member")
        .check(sql`role in ('member', 'staff', 'admin')`),
    )
    .addColumn("bio", "text")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("suspended_until", "integer")
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("products")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('discussion', 'question', 'idea')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.check(sql`status is null or status in ('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined')`),
    )
    // No foreign key to posts: posts reference threads, and the model keeps this consistent.
    .addColumn("accepted_answer_post_id", "integer")
    .addColumn("co_designed_at", "integer")
    .addColumn("co_designed_by", "integer", (c) => c.references("users.id"))
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hidden_at", "integer")
    .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_activity_at", "integer", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("edited_at", "integer")
    .execute();
  await db.schema
    .createIndex("threads_product_activity")
    .on("threads")
    .columns(["product_id", "pinned desc", "last_activity_at desc", "id desc"])
    .execute();
  await db.schema.createIndex("threads_activity").on("threads").columns(["last_activity_at desc", "id desc"]).execute();
  await db.schema.createIndex("threads_author").on("threads").column("author_id").execute();

  await db.schema
    .createTable("posts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("edited_at", "integer")
    .addColumn("hidden_at", "integer")
    .execute();
  await db.schema.createIndex("posts_thread").on("posts").columns(["thread_id", "id"]).execute();
  await db.schema.createIndex("posts_author").on("posts").column("author_id").execute();

  await db.schema
    .createTable("revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("title", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("editor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addCheckConstraint("revisions_one_target", sql`(thread_id is null) <> (post_id is null)`)
    .execute();
  await db.schema.createIndex("revisions_thread").on("revisions").column("thread_id").execute();
  await db.schema.createIndex("revisions_post").on("revisions").column("post_id").execute();

  await db.schema
    .createTable("votes")
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("votes_pk", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("votes_user").on("votes").column("user_id").execute();

  await db.schema
    .createTable("co_designers")
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("contribution", "text", (c) => c.notNull())
    .addColumn("credited_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("co_designers_pk", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("co_designers_user").on("co_designers").column("user_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
