import { Migrator, type Kysely } from "kysely";
import { migrationsFor, openDatabase } from "./engine.server";
import type { Database } from "./schema";

let instance: Kysely<Database> | undefined;

/** The process-wide database: PostgreSQL at DATABASE_URL, else the SQLite file at DATABASE_PATH (db/engine.server.ts). */
export function getDb(): Kysely<Database> {
  instance ??= openDatabase([]);
  return instance;
}

export async function closeDb(): Promise<void> {
  await instance?.destroy();
  instance = undefined;
}

/** Applies every pending migration of the database's engine; returns the names applied now. */
export async function migrateToLatest(db: Kysely<Database> = getDb()): Promise<string[]> {
  const migrations = migrationsFor(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
