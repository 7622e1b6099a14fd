/**
 * The benchmark forum on PostgreSQL, for scripts/bench.ts (BENCH_ENGINE=postgres).
 *
 * The server is BENCH_DATABASE_URL when given (a role that may create
 * databases; the URL's own database is only used to run CREATE/DROP), else a
 * cluster of our own kept in bench/postgres/ (scripts/postgres-cluster.ts,
 * durable writes), started for the run and stopped after it.
 *
 * bench/bench.db is copied into a template database once
 * (scripts/copy-to-postgres.ts; several minutes for a million replies); the
 * template remembers which bench.db it holds (size and time) and is copied
 * again only when that file changes. Every run gets a fresh database made
 * from the template, as a SQLite run gets a fresh copy of the file, so the
 * replies one run posts never reach the next. Ids are kept by the copy, so the
 * ids the bench reads from bench.db name the same rows here.
 */
import fs from "node:fs";
import { sql, type Kysely } from "kysely";
import { createPostgresDb } from "~db/postgres.server";
import type { Database } from "~db/schema";
import { copySqliteToPostgres } from "./copy-to-postgres";
import { startPostgresCluster } from "./postgres-cluster";

const TEMPLATE = "cocreate_bench_template";
const RUN = "cocreate_bench_run";
const CLUSTER_DIR = "bench/postgres";

export type BenchPostgres = { url: string; server: string; close: () => Promise<void> };

/** The URL without its database or password, for the log: postgres://user@host:port */
function serverOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = "";
  parsed.password = "";
  return parsed.toString().replace(/\/$/, "");
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** What tells one bench.db from another without reading a gigabyte. */
function fingerprint(file: string): string {
  const stat = fs.statSync(file);
  return `bench.db ${stat.size} bytes, modified ${stat.mtime.toISOString()}`;
}

async function templateFingerprint(admin: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ note: string | null }>`
    select shobj_description(oid, 'pg_database') as note from pg_database where datname = ${TEMPLATE}
  `.execute(admin);
  return rows[0] ? (rows[0].note ?? "") : null;
}

async function fillTemplate(admin: Kysely<Database>, adminUrl: string, benchDb: string, log: (message: string) => void) {
  await sql.raw(`drop database if exists ${TEMPLATE}`).execute(admin);
  await sql.raw(`create database ${TEMPLATE}`).execute(admin);
  log(`copying ${benchDb} into PostgreSQL (${TEMPLATE}), once; this takes minutes`);
  const began = Date.now();
  const target = createPostgresDb(withDatabase(adminUrl, TEMPLATE), [], { max: 1 });
  try {
    await copySqliteToPostgres(benchDb, target);
    // Settle the visibility map and statistics now, not during the first measured run.
    await sql`vacuum (analyze)`.execute(target);
  } finally {
    await target.destroy();
  }
  // Written last: a copy that failed half-way has no fingerprint and is made again next time.
  await sql.raw(`comment on database ${TEMPLATE} is '${fingerprint(benchDb)}'`).execute(admin);
  log(`copied in ${Math.round((Date.now() - began) / 1000)} s`);
}

/** A fresh PostgreSQL database holding bench.db's forum, for one run. */
export async function benchPostgres(benchDb: string, log: (message: string) => void): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  const cluster = given ? null : await startPostgresCluster({ keepIn: CLUSTER_DIR, durable: true, sharedBuffers: "512MB" });
  const adminUrl = given ?? `${cluster!.url}/postgres`;
  log(given ? `PostgreSQL at ${serverOf(adminUrl)}` : `PostgreSQL cluster in ${CLUSTER_DIR}/ on port ${cluster!.port}`);
  const admin = createPostgresDb(adminUrl, [], { max: 1 });
  try {
    if ((await templateFingerprint(admin)) !== fingerprint(benchDb)) await fillTemplate(admin, adminUrl, benchDb, log);
    else log(`${TEMPLATE} already holds this bench.db`);
    await sql.raw(`drop database if exists ${RUN}`).execute(admin);
    // FILE_COPY copies the template's files as they are instead of writing every page to the WAL.
    await sql.raw(`create database ${RUN} template ${TEMPLATE} strategy = file_copy`).execute(admin);
  } catch (error) {
    await admin.destroy();
    cluster?.stop();
    throw error;
  }
  return {
    url: withDatabase(adminUrl, RUN),
    server: given ? serverOf(adminUrl) : `own cluster in ${CLUSTER_DIR}/`,
    close: async () => {
      try {
        await sql.raw(`drop database if exists ${RUN} with (force)`).execute(admin);
      } finally {
        await admin.destroy();
        cluster?.stop();
      }
    },
  };
}
