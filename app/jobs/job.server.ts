import { log } from "~/utils/log.server";
import { releaseLease, takeLease } from "./lease.server";

/** Stops a job; resolves once a round in progress has finished, so shutdown never cuts one in half. */
export type Stop = () => Promise<void>;

/** Work the server does besides answering requests. app/jobs/start.server.ts starts every job. */
export type Job = { name: string; start: () => Stop | Promise<Stop> };

/**
 * A job that runs `round` every `intervalMs` (the first time `firstAfterMs`
 * after start), one round at a time: a round still running when the next is
 * due makes that one skip. A failed round is logged and tried again next time.
 *
 * `exclusive` jobs run in one process at a time however many run the app
 * (digests, clean-up): a round runs only in the process holding the job's
 * lease (app/jobs/lease.server.ts), which each of its rounds renews for two
 * intervals; when that process dies, another takes over within two intervals.
 * Jobs that claim their rows one by one (emails, webhooks) need no lease.
 */
export function every(
  name: string,
  intervalMs: number,
  round: () => Promise<unknown>,
  { firstAfterMs = 1_000, exclusive = false } = {},
): Stop {
  let running: Promise<void> | null = null;
  const leased = async () => {
    if (exclusive && !(await takeLease(name, 2 * intervalMs))) return;
    await round();
  };
  const run = () => {
    if (running) return;
    running = leased()
      .then(
        () => undefined,
        (error: unknown) =>
          log("error", "job-failed", {
            job: name,
            message: error instanceof Error ? error.message : String(error),
            stack: error instanceof Error ? error.stack : undefined,
          }),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const first = setTimeout(run, firstAfterMs);
  first.unref();
  return async () => {
    clearInterval(timer);
    clearTimeout(first);
    await running;
    if (exclusive) await releaseLease(name).catch(() => undefined);
  };
}
