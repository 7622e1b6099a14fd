import { createRequire } from "node:module";
import { sql } from "kysely";
import { RateLimiterRes, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import { getDb } from "~db/client.server";

// The base class of the library's database stores: its types declare it, its index does not export it.
const StoreBase = createRequire(import.meta.url)(
  "rate-limiter-flexible/lib/RateLimiterStoreAbstract.js",
) as typeof RateLimiterStoreAbstract;

type Stored = { points: number; expire: number | null };

/**
 * A rate-limiter-flexible store on the app's own database, so every process
 * (and every machine) counts against the same limits: the rate_limits table
 * (db/migrations/0020_shared_state.ts), written through Kysely, the same on
 * SQLite and PostgreSQL. The library's own RateLimiterSQLite and
 * RateLimiterPostgres each want a client of their own engine and create
 * their table at run time; this one uses the process's connection and a
 * migrated table. Each change is one atomic upsert: points used within the
 * window are added to, an expired window starts again.
 */
export class RateLimiterDatabase extends StoreBase {
  constructor(options: { keyPrefix: string; points: number; duration: number }) {
    super({ ...options, storeClient: null });
  }

  /** The library's hook: what a stored row means as a RateLimiterRes. */
  _getRateLimiterRes(_key: string, changedPoints: number, stored: Stored): RateLimiterRes {
    const consumedPoints = stored.points;
    return new RateLimiterRes(
      Math.max(this.points - consumedPoints, 0),
      stored.expire === null ? -1 : Math.max(stored.expire - Date.now(), 0),
      consumedPoints,
      changedPoints === consumedPoints,
    );
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Stored> {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    const expired = sql<boolean>`rate_limits.expire is not null and rate_limits.expire <= ${now}`;
    return getDb()
      .insertInto("rate_limits")
      .values({ key, points, expire })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet(
          forceExpire
            ? { points, expire }
            : {
                points: sql<number>`case when ${expired} then excluded.points else rate_limits.points + excluded.points end`,
                expire: sql<number | null>`case when ${expired} then excluded.expire else rate_limits.expire end`,
              },
        ),
      )
      .returning(["points", "expire"])
      .executeTakeFirstOrThrow();
  }

  async _get(key: string): Promise<Stored | null> {
    const now = Date.now();
    const row = await getDb()
      .selectFrom("rate_limits")
      .select(["points", "expire"])
      .where("key", "=", key)
      .where((eb) => eb.or([eb("expire", "is", null), eb("expire", ">", now)]))
      .executeTakeFirst();
    return row ?? null;
  }

  async _delete(key: string): Promise<boolean> {
    const { numDeletedRows } = await getDb().deleteFrom("rate_limits").where("key", "=", key).executeTakeFirst();
    return numDeletedRows > 0n;
  }
}

/** Counters whose window ended an hour ago go (the clean-up job calls it). */
export async function deleteExpiredRateLimits(now = Date.now()): Promise<void> {
  await getDb()
    .deleteFrom("rate_limits")
    .where("expire", "<", now - 3_600_000)
    .execute();
}
