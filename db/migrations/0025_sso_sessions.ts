import type { Kysely } from "kysely";

/**
 * Sign-in with the company's account (issue 16, OpenID Connect):
 *
 * sessions.sso_signed_in_at: when this session was opened by a sign-in at
 * the company's provider. A member the provider created has no password, so
 * deleting their account asks for a fresh sign-in there instead: one recorded
 * on the session a few minutes ago.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sessions").addColumn("sso_signed_in_at", "integer").execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
