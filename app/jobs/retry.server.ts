/** Waits after the 1st, 2nd … failed attempt to send something out (an email, a webhook); after the last one it is given up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When attempt number `attempts` (1-based) failed at `now`, when to try again. */
export function nextAttemptAt(attempts: number, now: number): number {
  return now + (RETRY_DELAYS_MS[attempts - 1] ?? 0);
}

/** What became of one row: sent, to be tried again later, or given up after MAX_ATTEMPTS. */
export type Outcome = "done" | "retry" | "failed";

/**
 * The retry-with-backoff loop of every job that sends something out. For
 * each due row (its `attempts` so far): first `lease` it, pushing its next
 * attempt back to when a retry would be due, so a crash in the middle
 * retries it rather than losing it; then `attempt` it; then `record` the
 * outcome. A row that fails for the MAX_ATTEMPTS-th time is given up.
 *
 * Choosing the due rows and leasing them is where a job claims its work: when
 * several processes run jobs, that is the step to make exclusive.
 */
export async function retryEach<Row extends { attempts: number }, Result extends { error: string | null }>(
  due: readonly Row[],
  now: number,
  steps: {
    lease: (row: Row, attempts: number, retryAt: number) => Promise<unknown>;
    attempt: (row: Row) => Promise<Result>;
    record: (row: Row, result: Result, outcome: Outcome) => Promise<unknown>;
  },
): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { done: 0, retry: 0, failed: 0 };
  for (const row of due) {
    const attempts = row.attempts + 1;
    await steps.lease(row, attempts, nextAttemptAt(attempts, now));
    const result = await steps.attempt(row);
    const outcome: Outcome = result.error === null ? "done" : attempts >= MAX_ATTEMPTS ? "failed" : "retry";
    await steps.record(row, result, outcome);
    counts[outcome] += 1;
  }
  return counts;
}
