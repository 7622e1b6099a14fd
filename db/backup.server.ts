import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/** backups/cocreate-YYYYMMDD-HHMMSS.db, in UTC so names sort in time order wherever they are made. */
export function defaultBackupPath(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return path.join("backups", `cocreate-${stamp}.db`);
}

/**
 * Copies the database with SQLite's online backup while the forum keeps
 * running: the copy is one consistent moment, with every committed write up
 * to it and no half-written transaction. Writes made meanwhile by the server
 * make SQLite restart the copy, so it always finishes on a quiet moment.
 * The copy is checked before this returns; a failed copy is removed.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: { pagesPerStep?: number } = {},
): Promise<{ destination: string; pages: number }> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose another name.`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const { totalPages } = await db.backup(destination, { progress: () => options.pagesPerStep ?? 256 });
    const copy = new SQLite(destination, { readonly: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`The copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    return { destination, pages: totalPages };
  } catch (error) {
    fs.rmSync(destination, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
