import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { closeDb, migrateToLatest } from "~db/client.server";
import { resetConfig } from "~/config.server";

// Runs before each test file: every file gets its own temporary database,
// inside the run's directory from global-setup.ts.
const file = path.join(inject("databaseDir"), `${randomUUID()}.db`);
process.env.DATABASE_PATH = file;
// Test accounts are minutes old, so new-member posting limits would apply to every test that
// posts twice; tests of those limits set their own values (tests/unit/posting-limits.test.ts).
process.env.NEW_MEMBER_MIN_GAP_SECONDS ??= "0";
process.env.NEW_MEMBER_THREADS_PER_DAY ??= "1000";
process.env.NEW_MEMBER_REPLIES_PER_DAY ??= "1000";
// The settings are read once per process (app/config.server.ts): read them again with this file's values.
resetConfig();
await migrateToLatest();

afterAll(async () => {
  await closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
