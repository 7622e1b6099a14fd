import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Copies the write-ahead log back into the database file on a thread of its
 * own. SQLite does this by default in whichever request's commit crosses
 * 1,000 pages of log (4 MB): that request then waits for the copy and two
 * fsyncs, 3–5 ms on this kind of machine, and every request queued behind it
 * waits too. Here a worker thread with its own connection runs a PASSIVE
 * checkpoint every CHECKPOINT_MS, which never blocks readers or writers, and
 * does the copying. Under a steady stream of writes it never quite catches up
 * (a commit lands while it copies), and SQLite only starts the log over once
 * every frame is copied: so the requests' connection still checkpoints when
 * the log passes SAFETY_NET_PAGES (40 MB; every half second at 650 replies a
 * second), but then copies only what came since the worker's last round.
 * Measured with 32 connections posting replies, runs interleaved: 600–660
 * replies a second, p99 88–105 ms with the worker; 500–610, p99 97–125 ms
 * without it. A 25 ms interval changed nothing measurable.
 *
 * Only the server starts it (app/server.ts); tests and scripts keep SQLite's default.
 * Returns a stop function that closes the worker's connection.
 */
const CHECKPOINT_MS = 200;
const SAFETY_NET_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1_000;

const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export async function startCheckpoints(
  db: Kysely<Database>,
  file: string,
  onError: (message: string) => void,
): Promise<() => Promise<void>> {
  await sql`pragma wal_autocheckpoint = ${sql.raw(String(SAFETY_NET_PAGES))}`.execute(db);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file, intervalMs: CHECKPOINT_MS },
  });
  worker.on("message", (message: string) => onError(message));
  worker.on("error", (error) => onError(String(error)));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", (code) => {
      if (!stopping) {
        // Without the worker the log would grow to the safety net between checkpoints: back to SQLite's default.
        onError(`the checkpoint worker ended (exit code ${code}); the server's own connection checkpoints again`);
        sql`pragma wal_autocheckpoint = ${sql.raw(String(SQLITE_DEFAULT_PAGES))}`.execute(db).catch(() => {});
      }
      resolve();
    }),
  );
  worker.unref();
  // Resolves once the worker has closed its connection, also when called again or after the worker ended by itself.
  return async () => {
    stopping = true;
    worker.ref(); // an unreferenced worker would let the process end before this resolves
    worker.postMessage("stop");
    await exited;
  };
}
