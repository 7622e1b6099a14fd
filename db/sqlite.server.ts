import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from "kysely";
import { PROCESS_ORIGIN, trackingInvalidations, type Publish } from "./invalidation.server";
import type { Database } from "./schema";
import { config } from "~/config.server";

export const DEFAULT_DATABASE_PATH = "data/cocreate.db";

export function databasePath(): string {
  return config().DATABASE_PATH;
}

/** Opens the SQLite file with the settings every connection must have. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // 32 MB of pages instead of SQLite's 2 MB: on a large forum every write (indexes, full-text
  // segments, counters) otherwise re-reads pages other requests pushed out (a reply's commit took
  // twice as long).
  sqlite.pragma("cache_size = -32000");
  return sqlite;
}

/**
 * Kysely hands better-sqlite3 the SQL of every query it runs, and
 * better-sqlite3 compiles it anew each time. The app runs a few hundred
 * distinct statements, so each is compiled once and kept (least recently
 * used first out). A statement still busy iterating is never handed out twice.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver starts transactions with a plain BEGIN, which takes
 * the write lock only at the first write. Two processes that both read first
 * then both write cannot both go on: SQLite fails the second writer at once
 * with "database is locked" instead of letting it wait (its snapshot is
 * older than the first writer's commit). BEGIN IMMEDIATE takes the write lock
 * up front, so a second writer waits on the busy timeout and then runs.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * On SQLite a write's tags travel as a row of page_invalidations written in
 * its transaction (db/invalidation.server.ts); the other processes on the
 * file read it after the commit (db/invalidation-feed.server.ts). Before
 * migration 0019 there is no table and nobody else to tell.
 */
const logInvalidation: Publish = async (connection, tags) => {
  try {
    await connection.executeQuery(
      CompiledQuery.raw("insert into page_invalidations (tags, origin, created_at) values (?, ?, ?)", [tags, PROCESS_ORIGIN, Date.now()]),
    );
  } catch (error) {
    if (!/no such table: page_invalidations/.test((error as Error).message)) throw error;
  }
};

export function createSqliteDb(file: string, plugins: KyselyPlugin[] = []): Kysely<Database> {
  return new Kysely<Database>({
    dialect: trackingInvalidations(new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(file)) }), logInvalidation),
    plugins,
  });
}
