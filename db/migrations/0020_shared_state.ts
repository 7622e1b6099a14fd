import type { Kysely } from "kysely";

/**
 * What several app processes must share, which lived in one process's memory
 * before (issue 19):
 *
 * rate_limits: the counters of app/http/rate-limit.server.ts (sign-in
 * failures and account locks, posting and sign-up limits), one row per key,
 * in the shape rate-limiter-flexible's database stores use: points used and
 * when they expire (ms since the epoch; null never).
 *
 * job_leases: which process runs a periodic job (digests, clean-up) until
 * when (app/jobs/lease.server.ts); a process takes a lease only once the
 * holder's has run out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("expire", "integer")
    .execute();
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "integer", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
