import { sql, type RawBuilder } from "kysely";
import { getDb } from "~db/client.server";
import type { IdeaStatus, ThreadKind } from "~db/schema";
import { toMatchAll, toMatchSimilar } from "~/utils/search-query";
import { HIT_END, HIT_START, snippetParts } from "~/utils/snippet";
import { threadPath } from "~/utils/slug";
import { indexPendingReplies } from "./search-index.server";
import { withTags } from "./tag.server";
import type { ThreadListItem } from "./thread.server";

/**
 * Full-text search over the FTS5 index kept by the 0006 triggers. Raw SQL
 * lives here because Kysely cannot express MATCH, bm25(), snippet() and
 * INDEXED BY.
 * Every query joins threads (and replies) and checks visibility itself.
 */

export const SEARCH_PAGE_SIZE = 20;
/** How many matching rows are ranked at most; past this, people refine the query. */
const MAX_HITS = 1000;
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;

export type SearchFilter = {
  productSlug?: string | null;
  kind?: ThreadKind | null;
  status?: IdeaStatus | null;
  solved?: "yes" | "no" | null;
};

type Row = ThreadListItem & { hit: number; postId: number | null; score: number; total: number };

function filterSql(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`t.hidden_at is null and t.deleted_at is null`];
  if (filter.productSlug) parts.push(sql`pr.slug = ${filter.productSlug}`);
  if (filter.kind) parts.push(sql`t.kind = ${filter.kind}`);
  if (filter.status) parts.push(sql`t.kind = 'idea' and t.status = ${filter.status}`);
  if (filter.solved === "yes") parts.push(sql`t.kind = 'question' and t.accepted_answer_post_id is not null`);
  if (filter.solved === "no") parts.push(sql`t.kind = 'question' and t.accepted_answer_post_id is null`);
  return sql.join(parts, sql` and `);
}

/**
 * Threads matching every word, best first: a match in the title weighs ten
 * times one in a body. Each thread appears once, with the snippet of its
 * best-matching thread body or reply.
 *
 * Ranking touches every match, so it reads nothing it can do without: the
 * row id says whether a hit is a thread (id * 2) or a reply (id * 2 + 1),
 * and a reply's visibility and thread come from the small posts_visible
 * index rather than the posts table or the index's stored columns.
 * Snippets, the costly part, are made only for the page's own results.
 */
export async function searchThreads(text: string, filter: SearchFilter = {}, page = 1) {
  const match = toMatchAll(text);
  if (!match) return { results: [], total: 0, page: 1, pageCount: 0 };
  const offset = (Math.max(1, page) - 1) * SEARCH_PAGE_SIZE;
  // Replies posted since the last indexing round are indexed first, so none is missing from the results.
  await indexPendingReplies();
  const db = getDb();
  const { rows } = await sql<Row>`
    with ranked as materialized (
      select s.rowid as hit, bm25(search_index, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) as score
      from search_index s
      where search_index match ${match}
        and (s.rowid % 2 = 0 or exists (
          select 1 from posts p indexed by posts_visible
          where p.id = s.rowid / 2 and p.hidden_at is null and p.deleted_at is null))
      order by score
      limit ${MAX_HITS}
    ),
    hits as (
      select ranked.hit, ranked.score,
             case when ranked.hit % 2 = 0 then ranked.hit / 2 else p.thread_id end as thread_id,
             case when ranked.hit % 2 = 1 then ranked.hit / 2 end as post_id
      from ranked
      left join posts p indexed by posts_visible
        on ranked.hit % 2 = 1 and p.id = ranked.hit / 2 and p.hidden_at is null and p.deleted_at is null
    ),
    best as (
      select thread_id, post_id, hit, min(score) as score from hits group by thread_id
    )
    select t.id, t.title, t.kind, t.status, t.pinned,
           t.vote_count as voteCount, t.reply_count as replyCount,
           t.last_activity_at as lastActivityAt, t.created_at as createdAt,
           t.accepted_answer_post_id as acceptedAnswerPostId, t.co_designed_at as coDesignedAt,
           u.username as authorUsername, u.display_name as authorDisplayName,
           pr.slug as productSlug, pr.name as productName,
           best.hit, best.post_id as postId, best.score,
           count(*) over () as total
    from best
    join threads t on t.id = best.thread_id
    join users u on u.id = t.author_id
    join products pr on pr.id = t.product_id
    where ${filterSql(filter)}
    order by best.score, t.id desc
    limit ${SEARCH_PAGE_SIZE} offset ${offset}
  `.execute(db);
  const total = rows[0]?.total ?? 0;
  const snippets = new Map<number, string>();
  if (rows.length > 0) {
    const found = await sql<{ hit: number; snippet: string }>`
      select rowid as hit, snippet(search_index, 1, ${HIT_START}, ${HIT_END}, '…', 24) as snippet
      from search_index
      where search_index match ${match} and rowid in (${sql.join(rows.map((row) => row.hit))})
    `.execute(db);
    for (const { hit, snippet } of found.rows) snippets.set(hit, snippet);
  }
  const tagged = await withTags(rows);
  return {
    results: tagged.map(({ hit, postId, score: _score, total: _total, ...thread }) => ({
      ...thread,
      snippet: snippetParts(snippets.get(hit) ?? ""),
      href: postId ? `${threadPath(thread)}#post-${postId}` : threadPath(thread),
      inReply: postId !== null,
    })),
    total,
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
    from search_index s
    join threads t on t.id = s.thread_id
    join products pr on pr.id = t.product_id
    where search_index match ${match}
      and s.post_id is null
      and t.hidden_at is null and t.deleted_at is null
      ${options.productSlug ? sql`and pr.slug = ${options.productSlug}` : sql``}
    order by bm25(search_index, ${TITLE_WEIGHT}, ${BODY_WEIGHT})
    limit ${options.limit ?? 5}
  `.execute(getDb());
  return rows.map((r) => ({ ...r, solved: r.solved === 1, href: threadPath(r) }));
}

export type SimilarThread = Awaited<ReturnType<typeof findSimilarThreads>>[number];
