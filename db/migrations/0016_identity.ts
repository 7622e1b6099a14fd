import { sql, type Kysely } from "kysely";

/**
 * Identity (issue 16): password reset, verified email, sign-in with the
 * company's OpenID Connect provider, a member's own data.
 *
 * user_tokens: the single-use links emails carry (verify an address, reset a
 * password). Only the SHA-256 of a token is kept; `email` is the address the
 * link was sent to (a new address waits here until it is verified).
 *
 * identity_links: one row per (issuer, subject) an OpenID Connect provider
 * vouches for, with the mapped claims (company, plan, segment) kept for
 * customer accounts to read.
 *
 * users.pending_email: a changed address, in effect only once verified.
 * users.deleted_at: the member deleted their account; the row stays so their
 * posts keep an author ("a former member"), emptied of everything personal.
 *
 * sessions.user_agent / last_seen_at: /settings/sessions lists a member's
 * signed-in browsers.
 *
 * email_outbox.to_address: account emails go to the address they are about
 * (a new, unverified one), not necessarily the member's current one.
 *
 * Accounts that exist before this migration were made when nobody could
 * verify an address; refusing them posting now would lock out every existing
 * member for something they were never asked. They count as verified from the
 * time they joined.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("expires_at", "integer", (c) => c.notNull())
    .addColumn("used_at", "integer")
    .execute();
  await db.schema.createIndex("user_tokens_user").on("user_tokens").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("identity_links")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("email", "text")
    .addColumn("account_claim", "text")
    .addColumn("plan_claim", "text")
    .addColumn("segment_claim", "text")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("last_used_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("identity_links_pk", ["issuer", "subject"])
    .execute();
  await db.schema.createIndex("identity_links_user").on("identity_links").columns(["user_id"]).execute();

  await db.schema.alterTable("users").addColumn("pending_email", "text").execute();
  await db.schema.alterTable("users").addColumn("deleted_at", "integer").execute();
  await sql`update users set email_verified_at = created_at where email_verified_at is null`.execute(db);

  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema
    .alterTable("sessions")
    .addColumn("last_seen_at", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable("email_outbox").addColumn("to_address", "text").execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
