import { randomBytes } from "node:crypto";
import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { noPageChanges } from "./page-tags.server";

let cached: string | undefined;

/**
 * The key that signs links sent by email. `SESSION_SECRET` wins; otherwise a
 * random key is made once and kept in the database, so links survive restarts.
 */
export async function getSiteSecret(): Promise<string> {
  if (cached) return cached;
  const fromEnv = config().SESSION_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const row = await getDb()
    .transaction()
    .execute(async (trx) => {
      // No visitor's page shows it: making it must not empty every process's page cache.
      await noPageChanges(trx);
      await trx
        .insertInto("settings")
        .values({ key: "site_secret", value: randomBytes(32).toString("base64url") })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return trx.selectFrom("settings").select("value").where("key", "=", "site_secret").executeTakeFirstOrThrow();
    });
  return (cached = row.value);
}

/** Forgets the key this process read, so the next call reads (or makes) it again; for tests, whose files share modules but not databases. */
export function forgetSiteSecret(): void {
  cached = undefined;
}
