import cluster, { type Worker } from "node:cluster";
import { closeDb } from "~db/client.server";
import { prepareDatabase } from "./startup.server";
import { log } from "./utils/log.server";

/**
 * CLUSTER_WORKERS=N: this process becomes the primary of N worker processes
 * (node:cluster) that share the port, each a whole server of its own (app/server.ts)
 * with its own database connections, page cache and jobs. What they must
 * agree on lives in the database: rate limits, job claims and leases.
 *
 * The primary migrates (and seeds a new development database) once before
 * forking, answers no requests itself, starts a new worker when one dies,
 * and on SIGTERM (or Ctrl-C) passes the signal on to every worker, waits
 * until each has drained its requests and stopped, then exits: with 1 when
 * any worker did not stop cleanly.
 */
export async function runPrimary(workers: number): Promise<void> {
  await prepareDatabase();
  await closeDb();
  let stopping = false;
  let failed = false;
  const fork = () => cluster.fork().on("exit", (code, signal) => exited(code, signal));
  const exited = (code: number | null, signal: string | null) => {
    if (stopping) {
      // A worker still starting when SIGTERM came ends by the signal itself: it had nothing in flight.
      if (code !== 0 && signal !== "SIGTERM") failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log("info", "stopped", { code: failed ? 1 : 0, workers });
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    log("warn", "worker-died", { code, signal, message: "starting another" });
    fork();
  };
  for (let i = 0; i < workers; i++) fork();
  log("info", "cluster-started", { workers });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutting-down", { signal, workers });
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker.process.kill("SIGTERM");
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop(signal));
}
