import { sql, type RawBuilder } from "kysely";
import { getDb } from "~db/client.server";
import type { IdeaStatus, ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { SEARCH_MAX_MATCHES, toMatchAll, toMatchSimilar, toMatchTitle } from "~/utils/search-query";
import { HIT_END, HIT_START, snippetParts } from "~/utils/snippet";
import { replyPath, threadPath } from "~/utils/slug";
import { indexPendingReplies } from "./search-index.server";
import { publicContent, shownStatus, withStatus } from "./content.server";
import { withTags } from "./tag.server";
import type { ThreadListItem } from "./thread.server";

/**
 * Full-text search over the FTS5 indexes kept by the 0006 and 0009 triggers. Raw SQL
 * lives here because Kysely cannot express MATCH, bm25(), snippet() and
 * INDEXED BY.
 * Search is a published surface, the same for everyone: the indexes hold
 * what visitors may see (their triggers), and every query joins threads (and
 * replies) and checks publicContent again.
 */

export const SEARCH_PAGE_SIZE = 20;

export type SearchFilter = {
  productSlug?: string | null;
  kind?: ThreadKind | null;
  status?: IdeaStatus | null;
  solved?: "yes" | "no" | null;
};

type Row = ThreadListItem & { hit: number; total: number; capped: number };

/** Conditions on the thread `t` of a match: visible, and in the chosen product, kind, status and answer state. */
function filterSql(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`${publicContent("t")}`];
  if (filter.productSlug) parts.push(sql`t.product_id = (select id from products where slug = ${filter.productSlug})`);
  if (filter.kind) parts.push(sql`t.kind = ${filter.kind}`);
  if (filter.status) parts.push(sql`${withStatus(filter.status, "t")}`);
  if (filter.solved === "yes") parts.push(sql`t.kind = 'question' and t.accepted_answer_post_id is not null`);
  if (filter.solved === "no") parts.push(sql`t.kind = 'question' and t.accepted_answer_post_id is null`);
  return sql.join(parts, sql` and `);
}

/**
 * Threads matching every word, in this order:
 * 1. threads with every word in their title, best title match first (bm25);
 * 2. the other threads among the newest SEARCH_MAX_MATCHES matching threads
 *    and the newest SEARCH_MAX_MATCHES matching replies, most recently
 *    active first.
 * Each thread appears once, with a snippet of its own text when that
 * matches, else of its newest matching reply. When a part holds more
 * matches than it reads, `capped` says so and the total counts only the
 * threads read.
 *
 * Ranking every match by bm25 read every match (a common word is in a
 * hundred thousand documents; 70 ms for two of them); each part here stops
 * after its limit. Title matches come from search_titles (0009). The newest
 * threads and replies come from search_index in descending row id: a
 * thread's row id is id * 2, a reply's id * 2 + 1, so replies run far past
 * the threads and the thread part starts at the largest thread's row id.
 * Visibility and filters are checked inside each part, so its limit counts
 * only what may be shown. Snippets are made only for the page's own results.
 */
export async function searchThreads(text: string, filter: SearchFilter = {}, page = 1) {
  const match = toMatchAll(text);
  if (!match) return { results: [], total: 0, capped: false, page: 1, pageCount: 0 };
  const offset = (Math.max(1, page) - 1) * SEARCH_PAGE_SIZE;
  const visible = filterSql(filter);
  // Replies posted since the last indexing round are indexed first, so none is missing from the results.
  await indexPendingReplies();
  const db = getDb();
  const { rows } = await sql<Row>`
    with title_hits as materialized (
      select st.rowid as thread_id, bm25(search_titles) as score, t.last_activity_at as activity
      from search_titles st
      join threads t on t.id = st.rowid
      where search_titles match ${match} and ${visible}
      order by score
      limit ${SEARCH_MAX_MATCHES + 1}
    ),
    thread_hits as materialized (
      select s.rowid / 2 as thread_id, t.last_activity_at as activity
      from search_index s
      join threads t on t.id = s.rowid / 2
      where search_index match ${match}
        and s.rowid <= (select max(id) from threads) * 2 and s.rowid % 2 = 0 and ${visible}
      order by s.rowid desc
      limit ${SEARCH_MAX_MATCHES + 1}
    ),
    reply_hits as materialized (
      select s.rowid as hit, p.thread_id, t.last_activity_at as activity
      from search_index s
      join posts p indexed by posts_visible on p.id = s.rowid / 2 and ${publicContent("p")}
      join threads t on t.id = p.thread_id
      where search_index match ${match} and s.rowid % 2 = 1 and ${visible}
      order by s.rowid desc
      limit ${SEARCH_MAX_MATCHES + 1}
    ),
    candidates as (
      select thread_id, activity, 0 as tier, score, thread_id * 2 as hit from (select * from title_hits limit ${SEARCH_MAX_MATCHES})
      union all
      select thread_id, activity, 1, null, thread_id * 2 from (select * from thread_hits limit ${SEARCH_MAX_MATCHES})
      union all
      select thread_id, activity, 1, null, hit from (select * from reply_hits limit ${SEARCH_MAX_MATCHES})
    ),
    best as (
      select thread_id, activity, min(tier) as tier, min(score) as score,
             coalesce(min(case when hit % 2 = 0 then hit end), max(hit)) as hit
      from candidates
      group by thread_id
    ),
    page as (
      select best.*, count(*) over () as total
      from best
      order by tier, score, activity desc, thread_id desc
      limit ${SEARCH_PAGE_SIZE} offset ${offset}
    )
    select t.id, t.title, t.kind, ${shownStatus("t")} as status, t.pinned,
           t.vote_count as voteCount, t.reply_count as replyCount,
           t.last_activity_at as lastActivityAt, t.created_at as createdAt,
           t.accepted_answer_post_id as acceptedAnswerPostId, t.co_designed_at as coDesignedAt,
           u.username as authorUsername, u.display_name as authorDisplayName,
           pr.slug as productSlug, pr.name as productName,
           page.hit, page.total,
           (select count(*) from title_hits) > ${SEARCH_MAX_MATCHES}
             or (select count(*) from thread_hits) > ${SEARCH_MAX_MATCHES}
             or (select count(*) from reply_hits) > ${SEARCH_MAX_MATCHES} as capped
    from page
    join threads t on t.id = page.thread_id
    join users u on u.id = t.author_id
    join products pr on pr.id = t.product_id
    order by page.tier, page.score, page.activity desc, page.thread_id desc
  `.execute(db);
  const total = rows[0]?.total ?? 0;
  const snippets = new Map<number, string>();
  if (rows.length > 0) {
    // better-sqlite3 binds a JS number as a REAL, and FTS5 ignores a rowid constraint whose
    // value is not an INTEGER: it would make a snippet for every match (seconds for a common word).
    const found = await sql<{ hit: number; snippet: string }>`
      select rowid as hit, snippet(search_index, 1, ${HIT_START}, ${HIT_END}, '…', 24) as snippet
      from search_index
      where search_index match ${match}
        and rowid in (${sql.join(rows.map((row) => sql`cast(${row.hit} as integer)`))})
    `.execute(db);
    for (const { hit, snippet } of found.rows) snippets.set(hit, snippet);
  }
  const tagged = await withTags(rows);
  return {
    results: tagged.map(({ hit, total: _total, capped: _capped, ...thread }) => {
      const postId = hit % 2 === 1 ? (hit - 1) / 2 : null;
      return {
        ...thread,
        snippet: snippetParts(snippets.get(hit) ?? ""),
        href: postId ? replyPath(postId) : threadPath(thread),
        inReply: postId !== null,
      };
    }),
    total,
    capped: rows[0]?.capped === 1,
    page: Math.max(1, page),
    pageCount: Math.ceil(total / SEARCH_PAGE_SIZE),
  };
}

export type SearchResult = Awaited<ReturnType<typeof searchThreads>>["results"][number];

/** Threads whose titles share words with a title being written, so people find an existing thread first. */
export async function findSimilarThreads(title: string, options: { productSlug?: string | null; limit?: number } = {}) {
  const match = toMatchSimilar(title);
  if (!match) return [];
  const { rows } = await sql<{ id: number; title: string; kind: ThreadKind; solved: number; productName: string }>`
    select t.id, t.title, t.kind, t.accepted_answer_post_id is not null as solved, pr.name as productName
    from search_titles st
    join threads t on t.id = st.rowid
    join products pr on pr.id = t.product_id
    where search_titles match ${match}
      and ${publicContent("t")}
      ${options.productSlug ? sql`and pr.slug = ${options.productSlug}` : sql``}
    order by bm25(search_titles)
    limit ${options.limit ?? 5}
  `.execute(getDb());
  return rows.map((r) => ({ ...r, solved: r.solved === 1, href: threadPath(r) }));
}

export type SimilarThread = Awaited<ReturnType<typeof findSimilarThreads>>[number];

export type IdeaTitleMatch = { id: number; title: string; status: ShownStatus | null; voteCount: number; productName: string };

/**
 * Ideas another idea may be merged into, found by title: visible, not merged
 * themselves, not the idea being merged, in one product or any. `words` are
 * what staff typed (every word must match, the last as a prefix), or a
 * title to find similar ones by (any word may match).
 */
export async function findIdeasByTitle(
  words: string,
  options: { similar?: boolean; productId?: number | null; excludeId: number; limit?: number },
): Promise<IdeaTitleMatch[]> {
  const match = options.similar ? toMatchSimilar(words) : toMatchTitle(words);
  if (!match) return [];
  const { rows } = await sql<IdeaTitleMatch>`
    select t.id, t.title, ${shownStatus("t")} as status, t.vote_count as voteCount, pr.name as productName
    from search_titles st
    join threads t on t.id = st.rowid
    join products pr on pr.id = t.product_id
    where search_titles match ${match}
      and ${withStatus(null, "t")} and ${publicContent("t")}
      and t.id <> ${options.excludeId}
      ${options.productId ? sql`and t.product_id = ${options.productId}` : sql``}
    order by bm25(search_titles)
    limit ${options.limit ?? 20}
  `.execute(getDb());
  return rows;
}
