import { PostgresIntrospector, sql, type Expression, type Kysely, type KyselyPlugin, type Migration, type SqlBool } from "kysely";
import { startCheckpoints } from "./checkpoint.server";
import { migrations as sqliteMigrations } from "./migrations/index";
import { migrations as postgresMigrations } from "./migrations-pg/index";
import { startPostgresFeed, startSqliteFeed } from "./invalidation-feed.server";
import { createPostgresDb } from "./postgres.server";
import type { Database } from "./schema";
import { postgresSearch } from "./search/postgres.server";
import { sqliteSearch } from "./search/sqlite.server";
import type { SearchQueries } from "./search/types";
import { createSqliteDb, databasePath } from "./sqlite.server";
import { config } from "~/config.server";

/**
 * The one place that knows Cocreate runs on two engines. SQLite (a file at
 * DATABASE_PATH) is the default; DATABASE_URL=postgres://… runs on
 * PostgreSQL. Everything else reads and writes through Kysely the same way
 * on both, and asks this module for the few things that differ:
 *
 * - openDatabase / migrationsFor: how to connect and which migration set;
 * - searchQueries: full-text search (FTS5 or tsvector);
 * - forUpdate: a row lock for decide-then-write transactions;
 * - lockNamed: a lock on a name for a transaction that decides from the absence of rows;
 * - isUniqueViolation: whether a write failed on a unique key;
 * - includesIgnoringCase: case-insensitive "contains";
 * - startDatabaseUpkeep: the engine's own background care.
 *
 * Upserts and insert-or-ignore need nothing here: Kysely's onConflict writes
 * the same ON CONFLICT clause for both.
 */

export type EngineName = "sqlite" | "postgres";

/** The engine the settings choose: PostgreSQL when DATABASE_URL is set (the settings check it is a PostgreSQL URL), else SQLite. */
export function configuredEngine(): EngineName {
  return config().DATABASE_URL ? "postgres" : "sqlite";
}

export function openDatabase(plugins: KyselyPlugin[]): Kysely<Database> {
  return configuredEngine() === "postgres" ? createPostgresDb(config().DATABASE_URL!, plugins) : createSqliteDb(databasePath(), plugins);
}

/** Which engine a connection talks to (the copy command holds one of each). */
export function engineOf(db: Kysely<Database>): EngineName {
  return db.introspection instanceof PostgresIntrospector ? "postgres" : "sqlite";
}

export function migrationsFor(db: Kysely<Database>): Record<string, Migration> {
  return engineOf(db) === "postgres" ? postgresMigrations : sqliteMigrations;
}

/** Where the data is, for the start-up log; never a password. */
export function describeDatabase(): string {
  if (configuredEngine() === "sqlite") return `SQLite file ${databasePath()}`;
  const url = new URL(config().DATABASE_URL!);
  return `PostgreSQL database ${url.pathname.slice(1)} on ${url.host}`;
}

export function searchQueries(): SearchQueries {
  return configuredEngine() === "postgres" ? postgresSearch : sqliteSearch;
}

/**
 * Locks the selected rows until the transaction ends (SELECT … FOR UPDATE),
 * so a decision read from them still holds when the transaction writes. On
 * SQLite it changes nothing: a transaction holds the whole database's write
 * lock from its start (BEGIN IMMEDIATE, db/sqlite.server.ts).
 */
export function forUpdate<Query extends { forUpdate(): Query }>(query: Query): Query {
  return configuredEngine() === "postgres" ? query.forUpdate() : query;
}

/**
 * Holds an exclusive lock on `name` until the transaction ends, for a
 * decision no row can be locked for (e.g. "no users yet, so seed the demo"):
 * a transaction-level advisory lock on PostgreSQL (safe behind a
 * transaction-pooling proxy, unlike a session-level one); on SQLite the
 * transaction already holds the database's write lock (BEGIN IMMEDIATE).
 */
export async function lockNamed(trx: Kysely<Database>, name: string): Promise<void> {
  if (engineOf(trx) === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/** Whether a write failed because a unique key is taken (SQLite's SQLITE_CONSTRAINT_UNIQUE or PRIMARYKEY; PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** `column` contains `needle`, ignoring case (ASCII on SQLite; what lower() folds on PostgreSQL). */
export function includesIgnoringCase(column: string, needle: string): Expression<SqlBool> {
  const position = configuredEngine() === "postgres" ? sql.raw("strpos") : sql.raw("instr");
  return sql<SqlBool>`${position}(lower(${sql.ref(column)}), ${needle.toLowerCase()}) > 0`;
}

/**
 * SQLite copies its write-ahead log into the file on a worker thread
 * (db/checkpoint.server.ts); PostgreSQL looks after itself. Returns a stop function.
 */
export async function startDatabaseUpkeep(db: Kysely<Database>, onError: (message: string) => void): Promise<() => Promise<void>> {
  if (engineOf(db) === "postgres") return async () => {};
  return startCheckpoints(db, databasePath(), onError);
}

/**
 * Hears what other processes' writes changed, for the page cache: a LISTEN
 * connection on PostgreSQL, a poll of page_invalidations on SQLite
 * (db/invalidation-feed.server.ts). Returns a stop function.
 */
export async function startInvalidationFeed(db: Kysely<Database>, onError: (message: string) => void): Promise<() => Promise<void>> {
  if (engineOf(db) === "postgres") return startPostgresFeed(config().DATABASE_URL!, { onError });
  return startSqliteFeed(db, databasePath(), { onError });
}
