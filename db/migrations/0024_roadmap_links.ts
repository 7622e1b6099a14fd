import { sql, type Kysely } from "kysely";

/**
 * Roadmap detail and links to where the work happens (issue 21):
 *
 * threads.target_release: when staff expect an idea, a month ("2027-03") or
 * a quarter ("2027-Q1"); target_public says whether everyone may see it.
 * target_changes: each change of the public target, with its reason (the
 * idea's timeline shows them).
 *
 * idea_substatuses: admins' finer steps inside the fixed lifecycle ("in
 * beta" within in_progress), with a colour; threads.substatus_id names the
 * one an idea is at. Filters, feeds, the API and webhooks keep the lifecycle
 * keys.
 *
 * issue_links: an idea's issues in the tracker engineers use (GitHub,
 * GitLab, Jira, Linear or any URL), staff-only unless marked public.
 *
 * webhooks.format: "cocreate" (the signed JSON event) or "slack" (Slack's
 * incoming-webhook message).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("idea_substatuses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined')`),
    )
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("idea_substatuses_status_label").on("idea_substatuses").columns(["status", "label"]).unique().execute();

  await db.schema.alterTable("threads").addColumn("target_release", "text").execute();
  await db.schema
    .alterTable("threads")
    .addColumn("target_public", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("threads")
    .addColumn("substatus_id", "integer", (c) => c.references("idea_substatuses.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("target_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("from_target", "text")
    .addColumn("to_target", "text")
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("target_changes_thread").on("target_changes").columns(["thread_id", "id"]).execute();

  await db.schema
    .createTable("issue_links")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("tracker", "text", (c) => c.notNull().check(sql`tracker in ('github', 'gitlab', 'jira', 'linear', 'other')`))
    .addColumn("issue_key", "text", (c) => c.notNull())
    .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("issue_links_thread_url").on("issue_links").columns(["thread_id", "url"]).unique().execute();

  await db.schema
    .alterTable("webhooks")
    .addColumn("format", "text", (c) =>
      c
        .notNull()
        .defaultTo("cocreate")
        .check(sql`format in ('cocreate', 'slack')`),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
