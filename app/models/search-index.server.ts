import { getDb } from "~db/client.server";
import { searchQueries } from "~db/engine.server";

/** Replies indexed per transaction at most, so one round never holds the database for long. */
const BATCH = 2000;

/**
 * Moves replies waiting to enter the full-text index into it. On SQLite new
 * replies wait in a queue (db/migrations/0011_search_queue.ts) and are
 * indexed a batch per transaction; on PostgreSQL a reply is indexed in its
 * own transaction and nothing waits. Runs every half second
 * (app/jobs/index-search.server.ts) and before every search, so results never
 * lack a reply that was already posted. Returns how many were taken.
 */
export async function indexPendingReplies(batch = BATCH): Promise<number> {
  return searchQueries().indexPendingReplies(getDb(), batch);
}
