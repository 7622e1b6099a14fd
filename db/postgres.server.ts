import { CompiledQuery, Kysely, PostgresDialect, type KyselyPlugin } from "kysely";
import pg from "pg";
import { PROCESS_ORIGIN, trackingInvalidations, type Publish } from "./invalidation.server";
import type { Database } from "./schema";
import { config } from "~/config.server";

/**
 * PostgreSQL through Kysely's PostgresDialect and a pg connection pool.
 *
 * db/schema.ts declares ids, times and counts as JS numbers on both engines.
 * PostgreSQL returns bigint (int8: ids, times, count(*)) and numeric (sum of
 * bigints) as strings, because they may exceed 2^53; here they become
 * numbers, and a value past Number.MAX_SAFE_INTEGER is an error rather than a
 * silently rounded id.
 */
const INT8 = 20;
const NUMERIC = 1700;

function toNumber(text: string): number {
  const value = Number(text);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new RangeError(`PostgreSQL returned ${text}, beyond the integers JavaScript holds exactly.`);
  }
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export function isPostgresUrl(url: string | undefined): url is string {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url));
}

/** Connections each app process keeps open at most (DATABASE_POOL_MAX, default 10). */
export function poolMax(): number {
  return config().DATABASE_POOL_MAX;
}

export function createPostgresDb(url: string, plugins: KyselyPlugin[] = [], options: { max?: number } = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? poolMax(), types, application_name: "cocreate" });
  // An idle connection the server closed (a restart, a dropped database) is replaced on next use;
  // without a listener its error would end the process.
  pool.on("error", (error) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: "warn", event: "database-connection-lost", message: error.message })}\n`,
    );
  });
  return new Kysely<Database>({ dialect: trackingInvalidations(new PostgresDialect({ pool }), notifyInvalidation), plugins });
}

/** The channel every process LISTENs on for what writes changed (db/invalidation-feed.server.ts). */
export const INVALIDATION_CHANNEL = "cocreate_pages";

/** A NOTIFY inside the writing transaction: PostgreSQL delivers it to the listeners only when the transaction commits. */
const notifyInvalidation: Publish = async (connection, tags) => {
  await connection.executeQuery(
    CompiledQuery.raw("select pg_notify($1, $2)", [INVALIDATION_CHANNEL, JSON.stringify({ origin: PROCESS_ORIGIN, tags })]),
  );
};
