/**
 * A consistent copy of the database, safe to take while the forum runs:
 *   npm run backup                       → backups/cocreate-YYYYMMDD-HHMMSS.db
 *   npm run backup -- /mnt/safe/copy.db  → that file
 * Reads DATABASE_PATH like the server. How to restore: see docs/operations.md.
 */
import { backupDatabase, defaultBackupPath } from "~db/backup.server";
import { databasePath } from "~db/client.server";

const destination = process.argv[2] || defaultBackupPath();
try {
  const { pages } = await backupDatabase(databasePath(), destination);
  console.log(`Backed up ${databasePath()} to ${destination} (${pages} pages, integrity check ok).`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
