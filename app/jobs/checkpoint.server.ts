import { startCheckpoints } from "~db/checkpoint.server";
import { databasePath } from "~db/client.server";
import { log } from "~/utils/log.server";
import type { Job } from "./job.server";

/** SQLite's write-ahead log copied into the database file on a thread of its own (db/checkpoint.server.ts says why). */
export const checkpointJob: Job = {
  name: "checkpoint",
  start: () => startCheckpoints(databasePath(), (message) => log("warn", "checkpoint", { message })),
};
