import { getDb } from "~db/client.server";
import type { Db } from "~db/schema";

/**
 * The co-designers of some ideas as every page lists them: the idea's
 * proposer (its author, who is always credited) first, then the others in
 * the order staff credited them.
 */
export async function listCoDesigners(threadIds: number[], db: Db = getDb()) {
  if (threadIds.length === 0) return [];
  const rows = await db
    .selectFrom("co_designers")
    .innerJoin("users", "users.id", "co_designers.user_id")
    .innerJoin("threads", "threads.id", "co_designers.thread_id")
    .select((eb) => [
      "co_designers.thread_id as threadId",
      "co_designers.user_id as userId",
      "users.username",
      "users.display_name as displayName",
      "co_designers.contribution",
      eb("co_designers.user_id", "=", eb.ref("threads.author_id")).as("proposer"),
    ])
    .where("co_designers.thread_id", "in", threadIds)
    .orderBy("proposer", "desc")
    .orderBy("co_designers.created_at")
    .orderBy("co_designers.user_id")
    .execute();
  return rows.map((row) => ({ ...row, proposer: Boolean(row.proposer) }));
}
