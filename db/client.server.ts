import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase } from "kysely";
import { ContentVersionPlugin } from "./content-version.server";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";
import { config } from "~/config.server";

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

export function createDb(file: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(openSqlite(file)) }),
    plugins: [new ContentVersionPlugin()],
  });
}

let instance: Kysely<Database> | undefined;

/** The process-wide database, opened on first use from DATABASE_PATH. */
export function getDb(): Kysely<Database> {
  instance ??= createDb(databasePath());
  return instance;
}

export async function closeDb(): Promise<void> {
  await instance?.destroy();
  instance = undefined;
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<Database> = getDb()): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
