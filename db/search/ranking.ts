import { sql, type RawBuilder } from "kysely";
import type { ThreadMatches, ThreadSearch } from "./types";

/**
 * The end of both engines' search query. Each engine first reads its three
 * parts as CTEs, at most maxMatches + 1 rows each (the one extra tells that
 * the part holds more):
 *   title_hits (thread_id, score, activity): threads with every word in the title, best first (lowest score);
 *   thread_hits (thread_id, activity): the newest threads whose own text matches;
 *   reply_hits (hit, thread_id, activity): the newest matching replies.
 * This keeps each thread once, in its best tier, with a hit of its own text
 * when that matches, else of its newest matching reply, and returns the page
 * with the total and whether any part was cut off.
 */
export function rankedPage(search: ThreadSearch): RawBuilder<PageRow> {
  const { maxMatches } = search;
  return sql<PageRow>`
    candidates as (
      select thread_id, activity, 0 as tier, score, thread_id * 2 as hit from (select * from title_hits limit ${maxMatches}) x
      union all
      select thread_id, activity, 1, null, thread_id * 2 from (select * from thread_hits limit ${maxMatches}) x
      union all
      select thread_id, activity, 1, null, hit from (select * from reply_hits limit ${maxMatches}) x
    ),
    best as (
      select thread_id, max(activity) as activity, min(tier) as tier, min(score) as score,
             coalesce(min(case when hit % 2 = 0 then hit end), max(hit)) as hit
      from candidates
      group by thread_id
    )
    select thread_id as "threadId", hit, count(*) over () as total,
           (select count(*) from title_hits) > ${maxMatches}
             or (select count(*) from thread_hits) > ${maxMatches}
             or (select count(*) from reply_hits) > ${maxMatches} as capped
    from best
    order by tier, score, activity desc, thread_id desc
    limit ${search.limit} offset ${search.offset}
  `;
}

/** capped is 0/1 on SQLite and a boolean on PostgreSQL. */
export type PageRow = { threadId: number; hit: number; total: number; capped: number | boolean };

export function toMatches(rows: PageRow[]): ThreadMatches {
  return {
    page: rows.map(({ threadId, hit }) => ({ threadId, hit })),
    total: rows[0]?.total ?? 0,
    capped: Boolean(rows[0]?.capped),
  };
}
