import { sql, type Kysely } from "kysely";

/** PostgreSQL's twin of db/migrations/0025_sso_sessions.ts: when a session was opened by the company's sign-in. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column sso_signed_in_at bigint`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
