import { sql, type Kysely } from "kysely";

/** When each session began, so a session ends a fixed time after sign-in however much it is used. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A row written without a start time counts as ancient and is refused: fail closed.
  await db.schema
    .alterTable("sessions")
    .addColumn("created_at", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Sessions from before this migration lasted 30 days from their last extension; count them from then.
  await sql`update sessions set created_at = expires_at - ${30 * 86_400_000}`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
