import type { HeadersFunction } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb } from "~db/client.server";
import { config, type SettingName } from "~/config.server";
import { RateLimiterDatabase } from "./rate-limit-store.server";

/**
 * Tiered rate limits: generous for reads, tighter for writes, tight for
 * sign-in and sign-up. Each limit is "points per seconds", set by its
 * setting (app/config.server.ts says what each counts), e.g.
 * RATE_LIMIT_READS=600/60.
 *
 * Every limit but reads is counted in the database (rate-limit-store.server.ts),
 * so however many processes or machines serve the forum, a member posts,
 * and an account is locked, against one count. Reads are counted in each
 * process's memory: a database write on every page view would cost more than
 * the flood it guards against, so with N processes the reads limit is N times
 * looser (a load balancer's own limit is the place for a tighter one).
 */
const limits = {
  reads: "RATE_LIMIT_READS",
  search: "RATE_LIMIT_SEARCH",
  /** A refused sign-up (name taken …) tells something, so it costs as much as a success. */
  signup: "RATE_LIMIT_SIGNUP",
  signInIp: "RATE_LIMIT_SIGNIN_IP",
  /** Failed sign-ins per account before it is locked for RATE_LIMIT_SIGNIN_LOCK_SECONDS. */
  signInAccount: "RATE_LIMIT_SIGNIN_ACCOUNT",
  passwordChange: "RATE_LIMIT_PASSWORD_CHANGE",
  /** Emails with a link (reset, verification) someone asks for: per IP and per address, so nobody floods one inbox. */
  accountEmailIp: "RATE_LIMIT_ACCOUNT_EMAIL_IP",
  accountEmailAddress: "RATE_LIMIT_ACCOUNT_EMAIL_ADDRESS",
  threads: "RATE_LIMIT_THREADS",
  replies: "RATE_LIMIT_REPLIES",
  /** Each edit renders the text again, like a reply. */
  edits: "RATE_LIMIT_EDITS",
} as const satisfies Record<string, SettingName>;

export type LimitName = keyof typeof limits;

const DAY = 86_400;

function configured(name: LimitName): { points: number; seconds: number } {
  return config()[limits[name]];
}

/** The first lock of an account; each further lock within a day lasts twice as long, up to a day. */
function lockSeconds(): number {
  return config().RATE_LIMIT_SIGNIN_LOCK_SECONDS;
}

let limiters = new Map<LimitName, RateLimiterAbstract>();
const accountLocks = new RateLimiterDatabase({ keyPrefix: "signInLock", points: 1, duration: 1 });
const lockCounts = new RateLimiterDatabase({ keyPrefix: "signInLocksToday", points: Number.MAX_SAFE_INTEGER, duration: DAY });

function limiter(name: LimitName): RateLimiterAbstract {
  let found = limiters.get(name);
  if (!found) {
    const { points, seconds } = configured(name);
    found =
      name === "reads"
        ? new RateLimiterMemory({ points, duration: seconds })
        : new RateLimiterDatabase({ keyPrefix: name, points, duration: seconds });
    limiters.set(name, found);
  }
  return found;
}

/** Forgets every count, and the limits read from the settings; for tests. */
export async function resetRateLimits(): Promise<void> {
  limiters = new Map();
  await getDb().deleteFrom("rate_limits").execute();
}

export type Limited = {
  /** Whole seconds until the next try can succeed, for the Retry-After header. */
  retryAfter: number;
  /** The same in words, e.g. "in 3 minutes". */
  when: string;
};

/** A wait in words, rounded up: "45 seconds", "3 minutes", "2 hours". */
export function duration(seconds: number): string {
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), "second");
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return unit(minutes, "minute");
  return unit(Math.ceil(minutes / 60), "hour");
}

export function inWords(seconds: number): string {
  return `in ${duration(seconds)}`;
}

function limited(msBeforeNext: number): Limited {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return { retryAfter, when: inWords(retryAfter) };
}

/** Counts one request against `key`; returns how long to wait once the limit is used up, else null. */
export async function consume(name: LimitName, key: string | number): Promise<Limited | null> {
  try {
    await limiter(name).consume(String(key));
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return limited(rejection.msBeforeNext);
    throw rejection;
  }
}

/** Whether `key` has used up the limit, without counting anything. */
async function reached(name: LimitName, key: string): Promise<Limited | null> {
  const state = await limiter(name).get(key);
  return state && state.consumedPoints >= configured(name).points ? limited(state.msBeforeNext) : null;
}

/** What an edit form says when its author has edited a lot in a short time. */
export function editsLimited(wait: Limited): string {
  return `You have edited several times in a short time. Please try again ${wait.when}; your text is kept.`;
}

/**
 * A route's `headers` export that lets an action's Retry-After reach the
 * browser; without one Remix passes on only cookies. Every route whose
 * action can answer 429 exports it: `export const headers = passRetryAfter;`.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/**
 * Sign-in throttling, per IP and per account. `account` is the key
 * app/auth/sign-in.server.ts gives the account a sign-in names: one per
 * account whether its email or its username was typed, and for names of no
 * account what was typed, so an unknown account is throttled exactly like a
 * real one and the answer never tells which accounts exist.
 */
export async function signInBlocked(ip: string, account: string): Promise<Limited | null> {
  const byIp = await reached("signInIp", ip);
  if (byIp) return byIp;
  const lock = await accountLocks.get(account);
  return lock && lock.consumedPoints > 1 ? limited(lock.msBeforeNext) : null;
}

/** Counts a failed sign-in; returns the lock when this failure locked the account. */
export async function signInFailed(ip: string, account: string): Promise<Limited | null> {
  const key = account;
  await limiter("signInIp").penalty(ip);
  const failures = await limiter("signInAccount").penalty(key);
  if (failures.consumedPoints < configured("signInAccount").points) return null;
  const { consumedPoints: locksToday } = await lockCounts.penalty(key);
  const seconds = Math.min(lockSeconds() * 2 ** (locksToday - 1), DAY);
  await accountLocks.block(key, seconds);
  await limiter("signInAccount").delete(key);
  return limited(seconds * 1000);
}

export async function signInSucceeded(account: string): Promise<void> {
  await limiter("signInAccount").delete(account);
  await lockCounts.delete(account);
}
