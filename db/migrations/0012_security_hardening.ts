import type { Kysely } from "kysely";

/**
 * Security hardening (issue 13).
 *
 * revisions.hidden_at / hidden_by: staff hide an earlier version of a post
 * (text its author edited out, or that a redaction removed); only staff read
 * it afterwards.
 *
 * api_tokens.expires_at: a token may be given an end; after it, it no longer
 * authenticates. Null: until revoked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("revisions").addColumn("hidden_at", "integer").execute();
  await db.schema
    .alterTable("revisions")
    .addColumn("hidden_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("api_tokens").addColumn("expires_at", "integer").execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
