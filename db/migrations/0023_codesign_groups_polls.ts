import { sql, type Kysely } from "kysely";

/**
 * Issue 21, part A: private co-design groups, announcements and polls.
 *
 * codesign_groups: staff open one on an accepted or planned idea
 * (`idea_id`); `summary` is what staff publish to the public idea when the
 * work is done. codesign_members: who was invited, and whether they accepted,
 * declined or are still to answer; `show_name` is the member's choice to be
 * named on the public idea.
 *
 * threads.group_id / posts.group_id: the group's own discussion, a thread
 * (at most one per group) and its replies, private to the group: the one
 * visibility rule (app/models/content.server.ts) shows them only to the
 * group's accepted members and staff. A reply carries its thread's group so
 * a query of replies alone keeps it out too. The product thread count
 * leaves group threads out, as it does hidden ones.
 *
 * threads.announcement_scope ('product' or 'site'), announcement_pinned and
 * announcement_expires_at: an announcement is pinned at the top of lists
 * until it expires or staff unpin it.
 *
 * polls, poll_options, poll_votes: a thread's poll; votes are rows (one per
 * member and option), counted when read, so two votes at once never lose one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("codesign_groups")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("idea_id", "integer", (c) => c.notNull().unique().references("threads.id").onDelete("cascade"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("summary_html", "text")
    .addColumn("summary_at", "integer")
    .execute();
  await db.schema
    .createTable("codesign_members")
    .addColumn("group_id", "integer", (c) => c.notNull().references("codesign_groups.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('invited', 'accepted', 'declined')`))
    .addColumn("show_name", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("invited_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("invited_at", "integer", (c) => c.notNull())
    .addColumn("responded_at", "integer")
    .addPrimaryKeyConstraint("codesign_members_pk", ["group_id", "user_id"])
    .execute();
  await db.schema.createIndex("codesign_members_user").on("codesign_members").columns(["user_id", "state", "group_id"]).execute();

  await db.schema
    .alterTable("threads")
    .addColumn("group_id", "integer", (c) => c.references("codesign_groups.id"))
    .execute();
  await db.schema
    .createIndex("threads_group")
    .unique()
    .on("threads")
    .column("group_id")
    .where(sql.ref("group_id"), "is not", null)
    .execute();
  await db.schema
    .alterTable("posts")
    .addColumn("group_id", "integer", (c) => c.references("codesign_groups.id"))
    .execute();
  await db.schema
    .alterTable("threads")
    .addColumn("announcement_scope", "text", (c) => c.check(sql`announcement_scope in ('product', 'site')`))
    .execute();
  await db.schema
    .alterTable("threads")
    .addColumn("announcement_pinned", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("threads").addColumn("announcement_expires_at", "integer").execute();
  await db.schema
    .createIndex("threads_announcements")
    .on("threads")
    .columns(["announcement_scope", "product_id"])
    .where(sql.ref("announcement_pinned"), "=", 1)
    .execute();

  // A group's thread is never counted: the triggers of 0013 again, with group_id is null.
  for (const name of ["products_thread_count_insert", "products_thread_count_delete", "products_thread_count_update"]) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`create trigger products_thread_count_insert after insert on threads
    when new.hidden_at is null and new.deleted_at is null and new.group_id is null begin
    update products set thread_count = thread_count + 1 where id = new.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_delete after delete on threads
    when old.hidden_at is null and old.deleted_at is null and old.group_id is null begin
    update products set thread_count = thread_count - 1 where id = old.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_update after update of product_id, hidden_at, deleted_at, group_id on threads
    when old.product_id is not new.product_id
      or (old.hidden_at is null and old.deleted_at is null and old.group_id is null)
        <> (new.hidden_at is null and new.deleted_at is null and new.group_id is null) begin
    update products set thread_count = thread_count - 1
      where id = old.product_id and old.hidden_at is null and old.deleted_at is null and old.group_id is null;
    update products set thread_count = thread_count + 1
      where id = new.product_id and new.hidden_at is null and new.deleted_at is null and new.group_id is null;
  end`.execute(db);

  await db.schema
    .createTable("polls")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().unique().references("threads.id").onDelete("cascade"))
    .addColumn("multiple", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("results", "text", (c) => c.notNull().check(sql`results in ('after_vote', 'after_close')`))
    .addColumn("closes_at", "integer")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("poll_options")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("poll_options_poll").unique().on("poll_options").columns(["poll_id", "position"]).execute();
  await db.schema
    .createTable("poll_votes")
    .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
    .addColumn("option_id", "integer", (c) => c.notNull().references("poll_options.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("poll_votes_pk", ["option_id", "user_id"])
    .execute();
  await db.schema.createIndex("poll_votes_poll_user").on("poll_votes").columns(["poll_id", "user_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
