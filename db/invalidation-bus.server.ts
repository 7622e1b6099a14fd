/**
 * This process's side of cache invalidation: what it has heard that writes
 * changed (its own at commit, db/invalidation.server.ts; other processes'
 * through db/invalidation-feed.server.ts), and whether it can hear at all.
 * Process-local on purpose: each process keeps its own cache and hears
 * every write, so there is nothing here another process needs to see.
 */

/** The tag a write carries when it may have changed anything. */
export const EVERYTHING = "*";

type Heard = { sequence: number; tags: ReadonlySet<string> };
type Listener = (tags: ReadonlySet<string>) => void;

/** How many recent invalidations are remembered for renders that started before them. */
const REMEMBERED = 1024;

let sequence = 0;
const recent: Heard[] = [];
const listeners = new Set<Listener>();
/** Until when what is cached may be trusted: Infinity while no feed was started (one process, tests). */
let hearingUntil = Number.POSITIVE_INFINITY;
/** A feed that can catch up at once, in the same tick (SQLite's log read): asked when the lease ran out. */
let catchUpNow: (() => void) | null = null;

/** A write changed what pages tagged so show ("*": every page). */
export function hear(tags: Iterable<string>): void {
  const heard = { sequence: ++sequence, tags: new Set(tags) };
  recent.push(heard);
  if (recent.length > REMEMBERED) recent.shift();
  for (const listener of listeners) listener(heard.tags);
}

export function onInvalidation(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The count of invalidations heard so far; a render notes it when it starts. */
export function invalidationSequence(): number {
  return sequence;
}

/** Whether a page showing `tags` (null: it named none, so it shows anything) is touched by invalidations heard as `heard`. */
export function matches(tags: readonly string[] | null, heard: ReadonlySet<string>): boolean {
  if (tags === null || heard.has(EVERYTHING)) return true;
  return tags.some((tag) => heard.has(tag));
}

/** Whether anything heard after `since` touches a page showing `tags`. */
export function changedSince(since: number, tags: readonly string[] | null): boolean {
  if (since === sequence) return false;
  if (recent.length === 0 || recent[0]!.sequence > since + 1) return true;
  return recent.some((heard) => heard.sequence > since && matches(tags, heard.tags));
}

/**
 * The feed says it heard every write up to now and will be back within `ms`;
 * past that, cached pages are not sent (a listener lost, a poll failing or
 * falling behind) until it reports again.
 */
export function hearingFor(ms: number): void {
  hearingUntil = Date.now() + ms;
}

/** Stops trusting the cache now (the feed lost its connection). */
export function deaf(): void {
  hearingUntil = 0;
}

/**
 * Whether what is cached may be sent. When the lease ran out because the
 * process was too busy to poll on time (not because the feed failed), a
 * feed that can read synchronously catches up first, so a loaded process
 * keeps its cache instead of rendering everything while it is busiest.
 */
export function canTrustCache(): boolean {
  if (Date.now() < hearingUntil) return true;
  if (!catchUpNow) return false;
  try {
    catchUpNow();
  } catch {
    deaf();
  }
  return Date.now() < hearingUntil;
}

/** Registers the feed's synchronous catch-up (see canTrustCache); null removes it. */
export function catchUpWith(fn: (() => void) | null): void {
  catchUpNow = fn;
}

/** Back to a fresh process's state; for tests. */
export function resetHearing(): void {
  hearingUntil = Number.POSITIVE_INFINITY;
  catchUpNow = null;
}
