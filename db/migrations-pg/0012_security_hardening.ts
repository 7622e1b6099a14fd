import { sql, type Kysely } from "kysely";

/** PostgreSQL's twin of db/migrations/0012_security_hardening.ts: revisions staff hid, and API tokens that expire. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table revisions add column hidden_at bigint;
    alter table revisions add column hidden_by bigint references users (id);
    alter table api_tokens add column expires_at bigint;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
