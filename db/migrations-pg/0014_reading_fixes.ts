import { sql, type Kysely } from "kysely";

/** PostgreSQL's twin of db/migrations/0014_reading_fixes.ts: the few deleted replies of a thread, counted from a small index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index posts_thread_deleted on posts (thread_id, id) where deleted_at is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
