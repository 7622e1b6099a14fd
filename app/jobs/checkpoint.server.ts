import { getDb } from "~db/client.server";
import { startDatabaseUpkeep } from "~db/engine.server";
import { log } from "~/utils/log.server";
import type { Job } from "./job.server";

/**
 * The engine's own upkeep: on SQLite, the write-ahead log copied into the
 * database file on a thread of its own (db/checkpoint.server.ts says why);
 * on PostgreSQL nothing, the server does its own.
 */
export const checkpointJob: Job = {
  name: "checkpoint",
  start: () => startDatabaseUpkeep(getDb(), (message) => log("warn", "checkpoint", { message })),
};
