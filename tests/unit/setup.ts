import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { closeDb, migrateToLatest } from "~db/client.server";

// Runs before each test file: every file gets its own temporary database,
// inside the run's directory from global-setup.ts.
const file = path.join(inject("databaseDir"), `${randomUUID()}.db`);
process.env.DATABASE_PATH = file;
await migrateToLatest();

afterAll(async () => {
  await closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
