import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, inject } from "vitest";
import { closeDb, migrateToLatest } from "~db/client.server";
import { createPostgresDb } from "~db/postgres.server";
import { POSTGRES_TEMPLATE } from "./postgres-global-setup";
import { resetConfig } from "~/config.server";

// Runs before each test file: every file gets its own temporary database. On SQLite (the unit
// project) a file inside the run's directory from global-setup.ts; on PostgreSQL (unit-pg) a
// copy of the migrated template database from postgres-global-setup.ts.
const postgresUrl = inject("postgresUrl");
const removeDatabase = postgresUrl ? await createPostgresDatabase(postgresUrl) : createSqliteFile(inject("databaseDir"));
// Test accounts are minutes old, so new-member posting limits would apply to every test that
// posts twice; tests of those limits set their own values (tests/unit/posting-limits.test.ts).
process.env.NEW_MEMBER_MIN_GAP_SECONDS ??= "0";
process.env.NEW_MEMBER_THREADS_PER_DAY ??= "1000";
process.env.NEW_MEMBER_UPLOADS_PER_DAY ??= "1000";

// Uploaded images go to a folder of the file's own, never the repository's data/ (PostgreSQL runs have no SQLite file beside it).
const uploadsDir = process.env.UPLOADS_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-uploads-"));
if (uploadsDir) process.env.UPLOADS_DIR = uploadsDir;
process.env.NEW_MEMBER_REPLIES_PER_DAY ??= "1000";
// The settings are read once per process (app/config.server.ts): read them again with this file's values.
resetConfig();
await migrateToLatest();

afterAll(async () => {
  await closeDb();
  await removeDatabase();
  if (uploadsDir) fs.rmSync(uploadsDir, { recursive: true, force: true });
});

function createSqliteFile(dir: string) {
  const file = path.join(dir, `${randomUUID()}.db`);
  process.env.DATABASE_PATH = file;
  // A DATABASE_URL left in the shell would point the SQLite run at a real PostgreSQL database.
  delete process.env.DATABASE_URL;
  return async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  };
}

async function createPostgresDatabase(clusterUrl: string) {
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  const admin = createPostgresDb(`${clusterUrl}/postgres`, [], { max: 1 });
  await sql.raw(`create database ${name} template ${POSTGRES_TEMPLATE}`).execute(admin);
  process.env.DATABASE_URL = `${clusterUrl}/${name}`;
  return async () => {
    // pg's pool has asked its connections to close, but the server takes a moment to end them.
    for (let waited = 0; waited < 2000; waited += 10) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = ${name}`.execute(admin);
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await sql.raw(`drop database ${name} with (force)`).execute(admin);
    await admin.destroy();
  };
}
