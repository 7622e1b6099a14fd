import { getDb } from "~db/client.server";

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
 * Claims one due row of an outbox (`email_outbox`, `webhook_deliveries`)
 * for this process: counts the attempt and pushes the next one back to when
 * a retry would be due, so a crash in the middle retries the row rather than
 * losing it. Conditional on the row being as it was read (still pending,
 * the same attempts), and true only when this update changed it: when
 * several processes read the same due row, exactly one claims it (on
 * PostgreSQL the others wait for its row lock, then find it changed), so
 * each email and webhook goes out once.
 */
async function claim(outbox: Outbox, row: { id: number; attempts: number }, retryAt: number): Promise<boolean> {
  const { numUpdatedRows } = await getDb()
    .updateTable(outbox)
    .set({ attempts: row.attempts + 1, next_attempt_at: retryAt })
    .where("id", "=", row.id)
    .where("status", "=", "pending")
    .where("attempts", "=", row.attempts)
    .executeTakeFirst();
  return numUpdatedRows === 1n;
}

export type Outbox = "email_outbox" | "webhook_deliveries";

/**
 * The retry-with-backoff loop of every job that sends something out. For
 * each due row of `outbox` (its `attempts` so far): first claim it (above),
 * skipping it when another process did; then `attempt` it; then `record` the
 * outcome. A row that fails for the MAX_ATTEMPTS-th time is given up.
 */
export async function retryEach<Row extends { id: number; attempts: number }, Result extends { error: string | null }>(
  outbox: Outbox,
  due: readonly Row[],
  now: number,
  steps: {
    attempt: (row: Row) => Promise<Result>;
    record: (row: Row, result: Result, outcome: Outcome) => Promise<unknown>;
  },
): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { done: 0, retry: 0, failed: 0 };
  for (const row of due) {
    const attempts = row.attempts + 1;
    if (!(await claim(outbox, row, nextAttemptAt(attempts, now)))) continue;
    const result = await steps.attempt(row);
    const outcome: Outcome = result.error === null ? "done" : attempts >= MAX_ATTEMPTS ? "failed" : "retry";
    await steps.record(row, result, outcome);
    counts[outcome] += 1;
  }
  return counts;
}
