import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../schema";
import { rankedPage, toMatches, type PageRow } from "./ranking";
import type { SearchQueries, SnippetMarks, ThreadMatches, ThreadSearch, TitleSearch } from "./types";

/**
 * Full-text search on PostgreSQL, over search_index (db/migrations-pg/0011_baseline.ts):
 * text-search vectors of visible threads (rowid = id * 2, with a title
 * vector) and replies (rowid = id * 2 + 1) in the `cocreate` configuration,
 * GIN-indexed and kept by triggers in the writing transaction, so nothing
 * waits to be indexed. Queries are built from the typed words as
 * parameters (phraseto_tsquery, plainto_tsquery), never parsed as
 * tsquery syntax, and still check visibility themselves.
 */

/** Every group must match; a group of several words is a phrase. */
function matchAll(terms: string[][]): RawBuilder<unknown> {
  return sql`(${sql.join(
    terms.map((group) => sql`phraseto_tsquery('cocreate', ${group.join(" ")})`),
    sql` && `,
  )})`;
}

/** Every word or any of the words; a prefix word matches every word it begins. Words hold only letters and digits (search-query.ts). */
function matchWords(words: TitleSearch["words"], every: boolean): RawBuilder<unknown> {
  return sql`(${sql.join(
    words.map(({ word, prefix }) => (prefix ? sql`to_tsquery('cocreate', ${`${word}:*`})` : sql`plainto_tsquery('cocreate', ${word})`)),
    every ? sql` && ` : sql` || `,
  )})`;
}

/**
 * ts_rank's normalization 1 divides by 1 + the log of the title's length: of
 * two titles with the word, the shorter ranks first, as with FTS5's bm25.
 */
const TITLE_LENGTH_NORMALIZATION = sql.lit(1);

/** The same order as SQLite's (see db/search/sqlite.server.ts): title matches by rank, then the newest matches by activity. */
async function matchThreads(db: Kysely<Database>, search: ThreadSearch): Promise<ThreadMatches> {
  if (search.terms.length === 0) return { page: [], total: 0, capped: false };
  const { threadFilter: visible, maxMatches } = search;
  const query = matchAll(search.terms);
  const { rows } = await sql<PageRow>`
    with title_hits as materialized (
      select s.thread_id, -ts_rank(s.title, ${query}, ${TITLE_LENGTH_NORMALIZATION}) as score, t.last_activity_at as activity
      from search_index s
      join threads t on t.id = s.thread_id
      where s.post_id is null and s.title @@ ${query} and ${visible}
      order by score
      limit ${maxMatches + 1}
    ),
    thread_hits as materialized (
      select s.thread_id, t.last_activity_at as activity
      from search_index s
      join threads t on t.id = s.thread_id
      where s.post_id is null and s.document @@ ${query} and ${visible}
      order by s.rowid desc
      limit ${maxMatches + 1}
    ),
    reply_hits as materialized (
      select s.rowid as hit, p.thread_id, t.last_activity_at as activity
      from search_index s
      join posts p on p.id = s.post_id and p.hidden_at is null and p.deleted_at is null
      join threads t on t.id = p.thread_id
      where s.post_id is not null and s.document @@ ${query} and ${visible} and ${search.replyFilter}
      order by s.rowid desc
      limit ${maxMatches + 1}
    ),
    ${rankedPage(search)}
  `.execute(db);
  return toMatches(rows);
}

const headlineOptions = (marks: SnippetMarks) =>
  `StartSel=${marks.start}, StopSel=${marks.end}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`;

/** Like FTS5's snippet(): about 24 words around the matches, with … where the text goes on. */
async function snippets(db: Kysely<Database>, terms: string[][], hits: number[], marks: SnippetMarks): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (terms.length === 0 || hits.length === 0) return found;
  const threadIds = hits.filter((hit) => hit % 2 === 0).map((hit) => hit / 2);
  const postIds = hits.filter((hit) => hit % 2 === 1).map((hit) => (hit - 1) / 2);
  const query = matchAll(terms);
  const parts = [
    ...(threadIds.length ? [sql`select id * 2 as hit, body from threads where id in (${sql.join(threadIds)})`] : []),
    ...(postIds.length ? [sql`select id * 2 + 1 as hit, body from posts where id in (${sql.join(postIds)})`] : []),
  ];
  const { rows } = await sql<{ hit: number; body: string; snippet: string }>`
    select hit, body, ts_headline('cocreate', body, ${query}, ${headlineOptions(marks)}) as snippet
    from (${sql.join(parts, sql` union all `)}) texts
  `.execute(db);
  const plain = (text: string) => text.replaceAll(marks.start, "").replaceAll(marks.end, "").replace(/\s+/g, " ").trim();
  for (const { hit, body, snippet } of rows) {
    const whole = plain(body);
    const shown = plain(snippet);
    found.set(hit, `${whole.startsWith(shown.slice(0, 40)) ? "" : "…"}${snippet}${whole.endsWith(shown.slice(-40)) ? "" : "…"}`);
  }
  return found;
}

async function titleMatchIds(db: Kysely<Database>, search: TitleSearch): Promise<number[]> {
  if (search.words.length === 0) return [];
  const query = matchWords(search.words, search.every);
  const { rows } = await sql<{ id: number }>`
    select t.id
    from search_index s
    join threads t on t.id = s.thread_id
    where s.post_id is null and s.title @@ ${query} and ${search.threadFilter}
    order by ts_rank(s.title, ${query}, ${TITLE_LENGTH_NORMALIZATION}) desc, t.id desc
    limit ${search.limit}
  `.execute(db);
  return rows.map((row) => row.id);
}

/** Replies are indexed by the trigger in the reply's own transaction: nothing ever waits. */
async function indexPendingReplies(): Promise<number> {
  return 0;
}

export const postgresSearch: SearchQueries = { matchThreads, snippets, titleMatchIds, indexPendingReplies };
