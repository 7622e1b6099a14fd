import { randomUUID } from "node:crypto";
import { getDb } from "~db/client.server";

/** This process, as a lease holder: unique even for two processes with the same pid on two machines. */
const holder = randomUUID();

/**
 * Takes (or renews) the lease on the periodic job `name` for `ms`: true when
 * this process holds it now. One statement, so of several processes asking
 * at once exactly one gets it: a free name is inserted, a held one is taken
 * over only when its holder's lease has run out (the holder died or stopped),
 * and the holder itself renews it. Works the same on SQLite and PostgreSQL,
 * and through a transaction-pooling proxy (no session lock is held).
 */
export async function takeLease(name: string, ms: number, now = Date.now()): Promise<boolean> {
  const taken = await getDb()
    .insertInto("job_leases")
    .values({ name, holder, expires_at: now + ms })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, expires_at: now + ms })
        .where((eb) => eb.or([eb("job_leases.holder", "=", holder), eb("job_leases.expires_at", "<=", now)])),
    )
    .returning("name")
    .executeTakeFirst();
  return taken !== undefined;
}

/** Gives the lease up (at shutdown), so another process takes the job over at its next round. */
export async function releaseLease(name: string): Promise<void> {
  await getDb().deleteFrom("job_leases").where("name", "=", name).where("holder", "=", holder).execute();
}
