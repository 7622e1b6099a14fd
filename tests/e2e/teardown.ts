import fs from "node:fs";

/** Removes the run's temporary database (named in playwright.config.ts), so runs leave nothing in the temp directory. */
export default function removeRunDatabase() {
  const file = process.env.COCREATE_E2E_TEMP_DB;
  if (!file) return;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
