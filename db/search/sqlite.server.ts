import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import { rankedPage, toMatches, type PageRow } from "./ranking";
import { searchIndexChanges } from "~/models/page-tags.server";
import type { SearchQueries, SnippetMarks, ThreadMatches, ThreadSearch, TitleSearch } from "./types";

/**
 * Full-text search on SQLite, over the FTS5 indexes kept by the triggers of
 * migrations 0006, 0009 and 0011: search_index (threads at rowid id * 2,
 * replies at id * 2 + 1), search_titles (rowid = thread id) and the
 * search_pending queue of new replies. Raw SQL because Kysely cannot express
 * MATCH, bm25(), snippet() and INDEXED BY.
 */

const quote = (words: string[]) => `"${words.join(" ")}"`;

/** Every term quoted, so FTS5 operators are searched as plain words. */
export function fts5MatchAll(terms: string[][]): string | null {
  return terms.length ? terms.map(quote).join(" ") : null;
}

/** Every word or any of the words in a title; a prefix word ends in *. */
export function fts5MatchTitle(words: TitleSearch["words"], every: boolean): string | null {
  if (words.length === 0) return null;
  const quoted = words.map(({ word, prefix }) => (prefix ? `${quote([word])}*` : quote([word])));
  return `title : (${quoted.join(every ? " " : " OR ")})`;
}

/**
 * Threads matching every word, in this order:
 * 1. threads with every word in their title, best title match first (bm25);
 * 2. the other threads among the newest maxMatches matching threads and the
 *    newest maxMatches matching replies, most recently active first.
 *
 * Ranking every match by bm25 read every match (a common word is in a
 * hundred thousand documents; 70 ms for two of them); each part here stops
 * after its limit. Title matches come from search_titles (0009). The newest
 * threads and replies come from search_index in descending row id: a
 * thread's row id is id * 2, a reply's id * 2 + 1, so replies run far past
 * the threads and the thread part starts at the largest thread's row id.
 * Visibility and filters are checked inside each part, so its limit counts
 * only what may be shown.
 */
async function matchThreads(db: Kysely<Database>, search: ThreadSearch): Promise<ThreadMatches> {
  const match = fts5MatchAll(search.terms);
  if (!match) return { page: [], total: 0, capped: false };
  const { threadFilter: visible, maxMatches } = search;
  const { rows } = await sql<PageRow>`
    with title_hits as materialized (
      select st.rowid as thread_id, bm25(search_titles) as score, t.last_activity_at as activity
      from search_titles st
      join threads t on t.id = st.rowid
      where search_titles match ${match} and ${visible}
      order by score
      limit ${maxMatches + 1}
    ),
    thread_hits as materialized (
      select s.rowid / 2 as thread_id, t.last_activity_at as activity
      from search_index s
      join threads t on t.id = s.rowid / 2
      where search_index match ${match}
        and s.rowid <= (select max(id) from threads) * 2 and s.rowid % 2 = 0 and ${visible}
      order by s.rowid desc
      limit ${maxMatches + 1}
    ),
    reply_hits as materialized (
      select s.rowid as hit, p.thread_id, t.last_activity_at as activity
      from search_index s
      join posts p indexed by posts_visible on p.id = s.rowid / 2 and p.hidden_at is null and p.deleted_at is null
      join threads t on t.id = p.thread_id
      where search_index match ${match} and s.rowid % 2 = 1 and ${visible} and ${search.replyFilter}
      order by s.rowid desc
      limit ${maxMatches + 1}
    ),
    ${rankedPage(search)}
  `.execute(db);
  return toMatches(rows);
}

async function snippets(db: Kysely<Database>, terms: string[][], hits: number[], marks: SnippetMarks): Promise<Map<number, string>> {
  const match = fts5MatchAll(terms);
  const found = new Map<number, string>();
  if (!match || hits.length === 0) return found;
  // better-sqlite3 binds a JS number as a REAL, and FTS5 ignores a rowid constraint whose
  // value is not an INTEGER: it would make a snippet for every match (seconds for a common word).
  const { rows } = await sql<{ hit: number; snippet: string }>`
    select rowid as hit, snippet(search_index, 1, ${marks.start}, ${marks.end}, '…', 24) as snippet
    from search_index
    where search_index match ${match}
      and rowid in (${sql.join(hits.map((hit) => sql`cast(${hit} as integer)`))})
  `.execute(db);
  for (const { hit, snippet } of rows) found.set(hit, snippet);
  return found;
}

async function titleMatchIds(db: Kysely<Database>, search: TitleSearch): Promise<number[]> {
  const match = fts5MatchTitle(search.words, search.every);
  if (!match) return [];
  const { rows } = await sql<{ id: number }>`
    select t.id
    from search_titles st
    join threads t on t.id = st.rowid
    where search_titles match ${match} and ${search.threadFilter}
    order by bm25(search_titles)
    limit ${search.limit}
  `.execute(db);
  return rows.map((row) => row.id);
}

/**
 * Moves the replies waiting in search_pending (see db/migrations/0011_search_queue.ts) into
 * the full-text index, a batch per transaction: FTS5 then writes one
 * segment for the batch instead of one per reply. Replies hidden or deleted
 * while they waited are skipped; one the edit trigger indexed meanwhile is
 * not indexed twice.
 */
async function indexPendingReplies(db: Kysely<Database>, batch: number): Promise<number> {
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
      await searchIndexChanges(trx);
      return next.length;
    });
    done += taken;
    if (taken < batch) return done;
  }
}

export const sqliteSearch: SearchQueries = { matchThreads, snippets, titleMatchIds, indexPendingReplies };
