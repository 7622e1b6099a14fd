import { sql, type RawBuilder } from "kysely";
import { getDb } from "~db/client.server";
import { searchQueries } from "~db/engine.server";
import type { IdeaStatus, ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { SEARCH_MAX_MATCHES, searchTerms, similarWords, titleWords } from "~/utils/search-query";
import { HIT_END, HIT_START, snippetParts } from "~/utils/snippet";
import { replyPath, threadPath } from "~/utils/slug";
import { indexPendingReplies } from "./search-index.server";
import { publicContent, shownStatus, withStatus } from "./content.server";
import { withTags } from "./tag.server";
import { listQuery } from "./thread.server";

/**
 * Full-text search. The engine's index finds and ranks the matches
 * (db/search/: FTS5 on SQLite, tsvector on PostgreSQL). Search is a
 * published surface, the same for everyone: the indexes hold what visitors
 * may see (their triggers), and every query joins threads (and replies) and
 * checks publicContent again. This module turns what was typed into terms and
 * the filter, and reads the page's threads like any thread list.
 */

export const SEARCH_PAGE_SIZE = 20;

export type SearchFilter = {
  productSlug?: string | null;
  kind?: ThreadKind | null;
  status?: IdeaStatus | null;
  solved?: "yes" | "no" | null;
};

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

/** The threads of a page in the order given; a thread hidden since it matched is left out. */
async function threadsInOrder(ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await listQuery(null).where("threads.id", "in", ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Threads matching every word, in this order:
 * 1. threads with every word in their title, best title match first;
 * 2. the other threads among the newest SEARCH_MAX_MATCHES matching threads
 *    and the newest SEARCH_MAX_MATCHES matching replies, most recently
 *    active first.
 * Each thread appears once, with a snippet of its own text when that
 * matches, else of its newest matching reply. When a part holds more
 * matches than it reads, `capped` says so and the total counts only the
 * threads read. Snippets are made only for the page's own results.
 */
export async function searchThreads(text: string, filter: SearchFilter = {}, page = 1) {
  const terms = searchTerms(text);
  if (terms.length === 0) return { results: [], total: 0, capped: false, page: 1, pageCount: 0 };
  // Replies posted since the last indexing round are indexed first, so none is missing from the results.
  await indexPendingReplies();
  const db = getDb();
  const engine = searchQueries();
  const matches = await engine.matchThreads(db, {
    terms,
    threadFilter: filterSql(filter),
    replyFilter: sql`${publicContent("p")}`,
    maxMatches: SEARCH_MAX_MATCHES,
    limit: SEARCH_PAGE_SIZE,
    offset: (Math.max(1, page) - 1) * SEARCH_PAGE_SIZE,
  });
  const hits = new Map(matches.page.map(({ threadId, hit }) => [threadId, hit]));
  const [threads, snippets] = await Promise.all([
    threadsInOrder(matches.page.map((match) => match.threadId)).then(withTags),
    engine.snippets(db, terms, [...hits.values()], { start: HIT_START, end: HIT_END }),
  ]);
  return {
    results: threads.map((thread) => {
      const hit = hits.get(thread.id)!;
      const postId = hit % 2 === 1 ? (hit - 1) / 2 : null;
      return {
        ...thread,
        snippet: snippetParts(snippets.get(hit) ?? ""),
        href: postId ? replyPath(postId) : threadPath(thread),
        inReply: postId !== null,
      };
    }),
    total: matches.total,
    capped: matches.capped,
    page: Math.max(1, page),
    pageCount: Math.ceil(matches.total / SEARCH_PAGE_SIZE),
  };
}

export type SearchResult = Awaited<ReturnType<typeof searchThreads>>["results"][number];

/** Threads whose titles share words with a title being written, so people find an existing thread first. */
export async function findSimilarThreads(title: string, options: { productSlug?: string | null; limit?: number } = {}) {
  const words = similarWords(title);
  if (words.length === 0) return [];
  const threadFilter = filterSql({ productSlug: options.productSlug ?? null });
  const ids = await searchQueries().titleMatchIds(getDb(), { words, every: false, threadFilter, limit: options.limit ?? 5 });
  return (await threadsInOrder(ids)).map((thread) => ({
    id: thread.id,
    title: thread.title,
    kind: thread.kind,
    solved: thread.acceptedAnswerPostId !== null,
    productName: thread.productName,
    href: threadPath(thread),
  }));
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
  const threadFilter = sql`${withStatus(null, "t")} and ${publicContent("t")}
    and t.id <> ${options.excludeId} ${options.productId ? sql`and t.product_id = ${options.productId}` : sql``}`;
  const ids = await searchQueries().titleMatchIds(getDb(), {
    words: options.similar ? similarWords(words) : titleWords(words),
    every: !options.similar,
    threadFilter,
    limit: options.limit ?? 20,
  });
  if (ids.length === 0) return [];
  const rows = await getDb()
    .selectFrom("threads as t")
    .innerJoin("products as pr", "pr.id", "t.product_id")
    .select(["t.id", "t.title", shownStatus("t").as("status"), "t.vote_count as voteCount", "pr.name as productName"])
    .where("t.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
