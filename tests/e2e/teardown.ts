import fs from "node:fs";

/** Removes the run's temporary databases (named in playwright.config.ts), so runs leave nothing in the temp directory. */
export default function removeRunDatabases() {
  for (const file of [process.env.COCREATE_E2E_TEMP_DB, process.env.COCREATE_E2E_SECOND_DB, process.env.COCREATE_E2E_XSS_DB]) {
    if (!file) continue;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}
