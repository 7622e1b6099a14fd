/** Waits after the 1st, 2nd … failed attempt to deliver an email or a webhook; after the last one it is given up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When attempt number `attempts` (1-based) failed at `now`, when to try again. */
export function nextAttemptAt(attempts: number, now: number): number {
  return now + (RETRY_DELAYS_MS[attempts - 1] ?? 0);
}
