import { sql } from "kysely";
import { getDb } from "~db/client.server";

/** Replies indexed per transaction at most, so one round never holds the database for long. */
const BATCH = 2000;

/**
 * Moves the replies waiting in search_pending (see db/migrations/0011_search_queue.ts) into
 * the full-text index, a batch per transaction: FTS5 then writes one
 * segment for the batch instead of one per reply. Runs every half second
 * (app/jobs/index-search.server.ts) and before every search, so results never
 * lack a reply that was already posted. Replies hidden or deleted while they
 * waited are skipped; one the edit trigger indexed meanwhile is not indexed twice.
 * Returns how many were taken from the queue.
 */
export async function indexPendingReplies(batch = BATCH): Promise<number> {
  const db = getDb();
  if (!(await db.selectFrom("search_pending").select("post_id").limit(1).executeTakeFirst())) return 0;
  let done = 0;
  while (true) {
    const taken = await db.transaction().execute(async (trx) => {
      const next = await trx.selectFrom("search_pending").select("post_id").orderBy("post_id").limit(batch).execute();
      const last = next.at(-1)?.post_id;
      if (last === undefined) return 0;
      // CROSS JOIN keeps the queue as the outer loop: otherwise SQLite may walk every reply below `last`.
      await sql`
        insert into search_index (rowid, title, body, thread_id, post_id)
        select p.id * 2 + 1, '', p.body, p.thread_id, p.id
        from search_pending q cross join posts p on p.id = q.post_id
        where q.post_id <= ${last} and p.hidden_at is null and p.deleted_at is null
          and not exists (select 1 from search_index s where s.rowid = p.id * 2 + 1)
      `.execute(trx);
      await trx.deleteFrom("search_pending").where("post_id", "<=", last).execute();
      return next.length;
    });
    done += taken;
    if (taken < batch) return done;
  }
}
