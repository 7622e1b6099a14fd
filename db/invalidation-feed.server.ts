import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import pg from "pg";
import { catchUpWith, deaf, EVERYTHING, hear, hearingFor } from "./invalidation-bus.server";
import { PROCESS_ORIGIN } from "./invalidation.server";
import { INVALIDATION_CHANNEL } from "./postgres.server";
import type { Database } from "./schema";

/**
 * How one process hears what the other processes' writes changed
 * (db/invalidation.server.ts tells; db/invalidation-bus.server.ts drops the
 * pages). Each feed renews a short lease on the cache every time it has
 * heard everything up to now; a feed that stops hearing (a poll failing, a
 * listener connection lost, the process too busy to poll) lets the lease run
 * out, and the page cache sends nothing until it hears again.
 */

/** How long what was heard stays good: many polls, or several heartbeats. */
const LEASE_MS = 1_000;
/** PostgreSQL's heartbeat is a round trip that a loaded process answers late; it cannot catch up on the spot. */
const LISTEN_LEASE_MS = 2_000;

type Stop = () => Promise<void>;
type OnError = (message: string) => void;

export type SqliteFeedOptions = {
  /** Between two reads of the log (default 25 ms). */
  intervalMs?: number;
  /** Rows older than this are pruned (default 5 minutes); a process that far behind starts afresh. */
  keepMs?: number;
  onError: OnError;
};

/**
 * SQLite: every write's tags are a row of page_invalidations written in its
 * transaction. This reads the rows after the last one it saw, an indexed
 * `id > last` read every few tens of milliseconds on a read-only connection
 * of its own (synchronous, so it never queues behind the requests' queries,
 * and the page cache can ask it to catch up on the spot when the process
 * was too busy to poll), and prunes old rows now and then. Ids only rise
 * (AUTOINCREMENT) and follow commit order (one writer at a time), so a gap
 * means pruned rows it never saw: it drops everything.
 */
export async function startSqliteFeed(
  db: Kysely<Database>,
  file: string,
  { intervalMs = 25, keepMs = 5 * 60_000, onError }: SqliteFeedOptions,
): Promise<Stop> {
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 1000");
  const newest = reader.prepare("select max(id) as id from page_invalidations").get() as { id: number | null };
  let last = newest.id ?? 0;
  let lastPrune = Date.now();

  const read = () => {
    const rows = reader.prepare("select id, tags, origin from page_invalidations where id > ? order by id limit 1000").all(last) as {
      id: number;
      tags: string;
      origin: string;
    }[];
    const heard = new Set<string>();
    if (rows.length > 0 && rows[0]!.id > last + 1) heard.add(EVERYTHING);
    for (const row of rows) {
      last = row.id;
      if (row.origin !== PROCESS_ORIGIN) for (const tag of row.tags.split(" ")) heard.add(tag);
    }
    if (heard.size > 0) hear(heard);
    hearingFor(LEASE_MS);
  };

  const poll = () => {
    try {
      read();
    } catch (error) {
      deaf();
      onError(`reading page_invalidations failed: ${(error as Error).message}`);
    }
    if (Date.now() - lastPrune > 10_000) {
      lastPrune = Date.now();
      db.deleteFrom("page_invalidations")
        .where("created_at", "<", Date.now() - keepMs)
        .execute()
        .catch((error: Error) => onError(`pruning page_invalidations failed: ${error.message}`));
    }
  };
  read();
  catchUpWith(read);
  const timer = setInterval(poll, intervalMs);
  return async () => {
    clearInterval(timer);
    catchUpWith(null);
    reader.close();
  };
}

export type PostgresFeedOptions = {
  /** Between two heartbeats on the listening connection (default 250 ms). */
  heartbeatMs?: number;
  onError: OnError;
};

/**
 * PostgreSQL: one connection per process LISTENs; writes NOTIFY inside their
 * transaction, which PostgreSQL delivers only at commit. A heartbeat on the
 * same connection proves it still hears. When it is lost, the process
 * reconnects and, having missed what came meanwhile, drops everything.
 */
export async function startPostgresFeed(url: string, { heartbeatMs = 250, onError }: PostgresFeedOptions): Promise<Stop> {
  let client: pg.Client | null = null;
  let stopped = false;
  let reconnect: NodeJS.Timeout | undefined;
  deaf();

  const lost = (message: string) => {
    deaf();
    const old = client;
    client = null;
    old?.removeAllListeners();
    old?.on("error", () => {});
    void old?.end().catch(() => {});
    if (stopped) return;
    onError(`listening for page invalidations: ${message}`);
    clearTimeout(reconnect);
    reconnect = setTimeout(() => void connect(), 500);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, application_name: "cocreate-listen" });
    next.on("notification", (message) => {
      if (message.channel !== INVALIDATION_CHANNEL || !message.payload) return;
      const { origin, tags } = JSON.parse(message.payload) as { origin: string; tags: string };
      if (origin !== PROCESS_ORIGIN) hear(tags.split(" "));
    });
    next.on("error", (error) => client === next && lost(error.message));
    next.on("end", () => client === next && lost("connection ended"));
    try {
      client = next;
      await next.connect();
      await next.query(`listen ${INVALIDATION_CHANNEL}`);
      // Whatever was written while nobody listened is unknown: start afresh.
      hear([EVERYTHING]);
      hearingFor(LISTEN_LEASE_MS);
    } catch (error) {
      if (client === next) lost((error as Error).message);
    }
  };

  const heartbeat = setInterval(() => {
    const current = client;
    if (!current) return;
    current.query("select 1").then(
      () => client === current && hearingFor(LISTEN_LEASE_MS),
      (error: Error) => client === current && lost(error.message),
    );
  }, heartbeatMs);

  await connect();
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    clearTimeout(reconnect);
    const last = client;
    client = null;
    last?.removeAllListeners();
    await last?.end().catch(() => {});
  };
}
