import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The config lives in tests/ so the repository's top level stays clean; paths below are from the repo root.
const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Unit tests of SQLite's own machinery, which PostgreSQL does not have: the
 * FTS5 queue of replies waiting to be indexed, the WAL checkpoint worker,
 * the online backup of the database file, EXPLAIN QUERY PLAN of the busy
 * pages, several processes taking turns on one file, and SQLite's own
 * migration history (PostgreSQL starts from a baseline).
 */
const SQLITE_ONLY = [
  "tests/unit/search-index.test.ts",
  "tests/unit/checkpoint.test.ts",
  "tests/unit/backup.test.ts",
  "tests/unit/query-plans.test.ts",
  "tests/unit/sqlite-writers.test.ts",
  "tests/unit/migration-0013.test.ts",
  // db/schema.ts against SQLite's pragma table_info; PostgreSQL's schema is compared with SQLite's by schema-parity.test.ts.
  "tests/unit/schema-matches-migrations.test.ts",
  // The invalidation log other processes read; PostgreSQL uses NOTIFY (invalidation-listen.test.ts).
  "tests/unit/invalidation-log.test.ts",
];

/** Unit tests that need the unit-pg project's cluster: both engines at once (comparing schemas, copying a forum) or PostgreSQL's own types. */
const POSTGRES_ONLY = [
  "tests/unit/schema-parity.test.ts",
  "tests/unit/copy-to-postgres.test.ts",
  "tests/unit/postgres-types.test.ts",
  "tests/unit/invalidation-listen.test.ts",
];

export default defineConfig({
  root,
  resolve: {
    alias: {
      "~db": `${root}db`,
      "~": `${root}app`,
    },
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          exclude: POSTGRES_ONLY,
          globalSetup: ["tests/unit/global-setup.ts"],
          setupFiles: ["tests/unit/setup.ts"],
        },
      },
      {
        // The same unit tests on PostgreSQL: a private cluster for the run, a database per test file.
        // Files share one module graph here (isolate: false): importing the app for every file was a
        // third of this project's time (53 s → 34 s). The SQLite project keeps full isolation: a failure
        // only here, that depends on which files ran before, means a file left module state behind.
        extends: true,
        test: {
          name: "unit-pg",
          include: ["tests/unit/**/*.test.ts"],
          exclude: SQLITE_ONLY,
          isolate: false,
          globalSetup: ["tests/unit/postgres-global-setup.ts"],
          setupFiles: ["tests/unit/setup.ts"],
        },
      },
      {
        // Start the built server (build/index.js) as a child process, the way it runs in production.
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          // Each file starts its own servers; one file at a time keeps timings sane on a small machine.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
