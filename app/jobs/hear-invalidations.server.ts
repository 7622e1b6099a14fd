import { getDb } from "~db/client.server";
import { startInvalidationFeed } from "~db/engine.server";
import { log } from "~/utils/log.server";
import type { Job } from "./job.server";

/** Hears what the other processes' writes changed, so this process's page cache drops those pages (db/invalidation-feed.server.ts). */
export const hearInvalidationsJob: Job = {
  name: "hear-invalidations",
  start: () => startInvalidationFeed(getDb(), (message) => log("warn", "page-cache-invalidations", { message })),
};
