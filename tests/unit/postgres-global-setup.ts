import { sql } from "kysely";
import type { TestProject } from "vitest/node";
import { migrateToLatest } from "~db/client.server";
import { createPostgresDb } from "~db/postgres.server";
import { PostgresMissing, startPostgresCluster } from "../../scripts/postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** The unit-pg project's cluster, postgres://postgres@127.0.0.1:PORT; each test file makes a database from POSTGRES_TEMPLATE. */
    postgresUrl: string;
  }
}

export const POSTGRES_TEMPLATE = "cocreate_template";

/**
 * The unit-pg project: one private PostgreSQL cluster for the run, and one
 * migrated template database that each test file copies (tests/unit/setup.ts),
 * which is much faster than migrating a database per file.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster().catch((error: unknown) => {
    if (error instanceof PostgresMissing) {
      console.error(`unit-pg: ${error.message}`);
      process.exit(1);
    }
    throw error;
  });
  try {
    const admin = createPostgresDb(`${cluster.url}/postgres`, [], { max: 1 });
    await sql.raw(`create database ${POSTGRES_TEMPLATE}`).execute(admin);
    await admin.destroy();
    const template = createPostgresDb(`${cluster.url}/${POSTGRES_TEMPLATE}`, [], { max: 1 });
    await migrateToLatest(template);
    await template.destroy();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}
