/**
 * The browser suite's PostgreSQL run, part of `npm run test:e2e`
 * (scripts/e2e.mjs runs it after the full run on SQLite): a private
 * throwaway cluster (scripts/postgres-cluster.ts), and the specs that
 * exercise the most of the database on it — who may do what, moderation, and
 * the co-creation workflow. The rest of the suite runs on SQLite only: the
 * whole of it twice would not fit CI's time, and the unit tests already run
 * every model on both engines. Extra arguments go to Playwright.
 */
import { spawnSync } from "node:child_process";
import { PostgresMissing, startPostgresCluster } from "./postgres-cluster";

export const POSTGRES_SPECS = ["tests/e2e/authorization.spec.ts", "tests/e2e/moderation.spec.ts", "tests/e2e/co-creation.spec.ts"];

const cluster = await startPostgresCluster().catch((error: unknown) => {
  console.error(`e2e on PostgreSQL: ${error instanceof PostgresMissing ? error.message : String(error)}`);
  process.exit(1);
});
let status = 1;
try {
  console.log(`e2e on PostgreSQL: ${POSTGRES_SPECS.join(", ")}`);
  const result = spawnSync(
    "npx",
    ["playwright", "test", "--config", "tests/e2e/playwright.config.ts", ...POSTGRES_SPECS, ...process.argv.slice(2)],
    {
      stdio: "inherit",
      // The cluster's own empty `postgres` database: the server migrates it and seeds the demo on start.
      env: { ...process.env, E2E_DATABASE_URL: `${cluster.url}/postgres` },
    },
  );
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);
