import { sql, type Kysely } from "kysely";

/** PostgreSQL's twin of db/migrations/0020_shared_state.ts: shared rate-limit counters and job leases. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limits (
      key text collate "C" primary key,
      points bigint not null,
      expire bigint
    );
    create table job_leases (
      name text collate "C" primary key,
      holder text collate "C" not null,
      expires_at bigint not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
