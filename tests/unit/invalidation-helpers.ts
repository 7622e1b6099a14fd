import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { configuredEngine, startInvalidationFeed } from "~db/engine.server";
import { onInvalidation, resetHearing } from "~db/invalidation-bus.server";
import { INVALIDATION_CHANNEL } from "~db/postgres.server";

/** For the invalidation tests: a feed per test, stopped after it, and what "another process" looks like. */
const stops: (() => Promise<void>)[] = [];
export const feedErrors: string[] = [];

export async function startFeed() {
  stops.push(await startInvalidationFeed(getDb(), (message) => feedErrors.push(message)));
}

export async function stopFeeds() {
  for (const stop of stops.splice(0)) await stop();
  resetHearing();
}

/** Resolves once an invalidation with `wanted` is heard; fails after `ms`. */
export function heardWithin(ms: number, wanted: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${wanted} not heard within ${ms} ms`));
    }, ms);
    const off = onInvalidation((tags) => {
      if (!tags.has(wanted)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** What another process's committed write looks like to this one: a log row (SQLite) or a notification (PostgreSQL) of another origin. */
export async function writeFromAnotherProcess(tags: string) {
  if (configuredEngine() === "postgres") {
    await sql`select pg_notify(${INVALIDATION_CHANNEL}, ${JSON.stringify({ origin: "another-process", tags })})`.execute(getDb());
  } else {
    await getDb().insertInto("page_invalidations").values({ tags, origin: "another-process", created_at: Date.now() }).execute();
  }
}
