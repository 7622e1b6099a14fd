/**
 * A consistent copy of the database, safe to take while the forum runs:
 *   npm run backup                       → backups/cocreate-YYYYMMDD-HHMMSS.db
 *   npm run backup -- /mnt/safe/copy.db  → that file
 * Reads DATABASE_PATH like the server. How to restore: see docs/operations.md.
 * On PostgreSQL (DATABASE_URL) backups are pg_dump's job.
 */
import { backupDatabase, defaultBackupPath } from "~db/backup.server";
import { configuredEngine } from "~db/engine.server";
import { databasePath } from "~db/sqlite.server";

if (configuredEngine() === "postgres") {
  console.error('npm run backup copies the SQLite file; on PostgreSQL use pg_dump (see the README\'s "Running on PostgreSQL").');
  process.exit(1);
}

const destination = process.argv[2] || defaultBackupPath();
try {
  const { pages } = await backupDatabase(databasePath(), destination);
  console.log(`Backed up ${databasePath()} to ${destination} (${pages} pages, integrity check ok).`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
