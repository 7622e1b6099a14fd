import { getDb, migrateToLatest } from "~db/client.server";
import { DEMO_SIGN_INS } from "~db/demo";
import { seedDemo } from "~db/seed";
import { config, isProductionDeployment } from "~/config.server";
import { log } from "~/utils/log.server";

/**
 * Brings the database up to date and, on a new development database, fills
 * it with the demo. Says whether the demo's accounts are there to sign in
 * with (never on a production deployment unless SEED_DEMO asked for them).
 */
export async function prepareDatabase(): Promise<{ demo: boolean }> {
  const applied = await migrateToLatest();
  if (applied.length > 0) log("info", "migrated", { migrations: applied });
  if (isProductionDeployment() && !config().SEED_DEMO) return { demo: false };
  // seedDemo decides "no users yet" under a lock, so of two fresh processes only one seeds.
  if (await seedDemo(getDb())) log("info", "demo-seeded");
  const demoMember = await getDb().selectFrom("users").select("id").where("email", "=", DEMO_SIGN_INS[0]).executeTakeFirst();
  return { demo: demoMember !== undefined };
}
