import { getDb, migrateToLatest } from "~db/client.server";
import { seedDemo } from "~db/seed";
import { env, isProductionDeployment } from "~/utils/env.server";

/** Brings the database up to date and, on a new development database, fills it with the demo. */
export async function prepareDatabase(): Promise<void> {
  const applied = await migrateToLatest();
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (isProductionDeployment() && !env("SEED_DEMO")) return;
  const anyUser = await getDb().selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (!anyUser) {
    await seedDemo(getDb());
    console.log("Seeded the demo forum (accounts are listed in the README).");
  }
}
