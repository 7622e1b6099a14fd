import { sql } from "kysely";
import { getDb } from "~db/client.server";

/** Replies indexed per transaction at most, so one round never holds the database for long. */
const BATCH = 2000;

/**
 * Moves the replies waiting in search_pending (see db/migrations/0009) into
 * the full-text index, a batch per transaction: FTS5 then writes one
 * segment for the batch instead of one per reply. Runs every half second
 * (app/background.server.ts) and before every search, so results never
 * lack a reply that was already posted. Replies hidden or deleted while they
 * waited are skipped; one the edit trigger indexed meanwhile is not indexed twice.
 * Returns how many were taken from the queue.
 */
export async function indexPendingReplies(): Promise<number> {
  const db = getDb();
  const { rows: waiting } = await sql<{ any: number }>`select exists (select 1 from search_pending) as "any"`.execute(db);
  if (!waiting[0]?.any) return 0;
  let done = 0;
  while (true) {
    const taken = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ last: number | null; n: number }>`
        select max(post_id) as "last", count(*) as n from (select post_id from search_pending order by post_id limit ${BATCH})
      `.execute(trx);
      const last = rows[0]?.last;
      if (last === null || last === undefined) return 0;
      // CROSS JOIN keeps the queue as the outer loop: otherwise SQLite may walk every reply below `last`.
      await sql`
        insert into search_index (rowid, title, body, thread_id, post_id)
        select p.id * 2 + 1, '', p.body, p.thread_id, p.id
        from search_pending q cross join posts p on p.id = q.post_id
        where q.post_id <= ${last} and p.hidden_at is null and p.deleted_at is null
          and not exists (select 1 from search_index s where s.rowid = p.id * 2 + 1)
      `.execute(trx);
      await sql`delete from search_pending where post_id <= ${last}`.execute(trx);
      return rows[0]!.n;
    });
    done += taken;
    if (taken < BATCH) return done;
  }
}
