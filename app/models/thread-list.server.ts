import type { IdeaStatus, ThreadKind } from "~db/schema";
import type { Actor } from "~/auth/permissions.server";
import { withStatus } from "./content.server";
import { listQuery } from "./thread.server";
import { withTags } from "./tag.server";
import type { ListSort } from "~/utils/list-params";

export { listSorts, type ListSort } from "~/utils/list-params";

/**
 * Product and tag thread lists: every sort pages with a keyset cursor (the
 * last row's sort values), walking an index in order, so page 500 costs what
 * page 1 costs. Product lists keep pinned threads on top in every sort.
 * Each viewer gets the threads they may see (visibleTo).
 */

const sortColumn = {
  activity: "threads.last_activity_at",
  newest: "threads.created_at",
  votes: "threads.vote_count",
  replies: "threads.reply_count",
} as const;

const sortKey = {
  activity: "lastActivityAt",
  newest: "createdAt",
  votes: "voteCount",
  replies: "replyCount",
} as const;

export type ListFilter = {
  kind?: ThreadKind | null;
  status?: IdeaStatus | null;
  /** Questions with (yes) or without (no) an accepted answer. */
  solved?: "yes" | "no" | null;
  /** Only threads nobody has replied to yet. */
  unanswered?: boolean;
  tagId?: number | null;
};

export type ListScope = { productId: number } | { tagId: number };

/** The position of a row in a sort: pinned (0 or 1), the sort's value, id. */
export type ListCursor = { pinned: number; key: number; id: number };

export const PAGE_SIZE = 25;

export function parseCursor(value: string | null): ListCursor | null {
  const match = value?.match(/^([01])\.(\d{1,15})\.(\d{1,15})$/);
  if (!match) return null;
  return { pinned: Number(match[1]), key: Number(match[2]), id: Number(match[3]) };
}

export function formatCursor(cursor: ListCursor): string {
  return `${cursor.pinned}.${cursor.key}.${cursor.id}`;
}

export type PageRequest = { after?: ListCursor | null; before?: ListCursor | null };

/**
 * The pinned values a product page walks, in list order from its cursor:
 * each is one range of the sort's index, so every query is a plain index
 * walk (SQLite cannot range-scan a (pinned, key, id) row value on a
 * descending index). Tag lists have no pinned section.
 */
function segments(scope: ListScope, page: PageRequest): (0 | 1 | null)[] {
  if (!("productId" in scope)) return [null];
  if (!page.after && page.before) return page.before.pinned ? [1] : [0, 1];
  return page.after && !page.after.pinned ? [0] : [1, 0];
}

/** The query for one segment of one page; exported so tests can check its plan uses an index. */
export function threadListQuery(
  scope: ListScope,
  sort: ListSort,
  filter: ListFilter,
  page: PageRequest = {},
  pinned: 0 | 1 | null = segments(scope, page)[0]!,
  limit = PAGE_SIZE + 1,
  viewer: Actor = null,
) {
  const column = sortColumn[sort];
  const backward = !page.after && Boolean(page.before);
  const cursor = page.after ?? page.before ?? null;
  const direction = backward ? "asc" : "desc";

  let query = listQuery(viewer);
  query =
    "productId" in scope
      ? query.where("threads.product_id", "=", scope.productId)
      : query.innerJoin("thread_tags as scope_tag", "scope_tag.thread_id", "threads.id").where("scope_tag.tag_id", "=", scope.tagId);

  if (filter.kind) query = query.where("threads.kind", "=", filter.kind);
  if (filter.status) query = query.where(withStatus(filter.status));
  if (filter.solved) {
    query = query
      .where("threads.kind", "=", "question")
      .where("threads.accepted_answer_post_id", filter.solved === "yes" ? "is not" : "is", null);
  }
  if (filter.unanswered) query = query.where("threads.reply_count", "=", 0);
  const tagId = filter.tagId;
  if (tagId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("thread_tags")
          .select("thread_tags.tag_id")
          .whereRef("thread_tags.thread_id", "=", "threads.id")
          .where("thread_tags.tag_id", "=", tagId),
      ),
    );
  }

  if (pinned !== null) query = query.where("threads.pinned", "=", pinned);
  // Inside the cursor's own segment the page starts after the cursor; later segments start at their top.
  if (cursor && (pinned === null || cursor.pinned === pinned)) {
    query = query.where((eb) => eb(eb.refTuple(column, "threads.id"), backward ? ">" : "<", eb.tuple(cursor.key, cursor.id)));
  }
  return query.orderBy(column, direction).orderBy("threads.id", direction).limit(limit);
}

export async function listThreads(scope: ListScope, sort: ListSort, filter: ListFilter, page: PageRequest = {}, viewer: Actor = null) {
  const backward = !page.after && Boolean(page.before);
  const rows: Awaited<ReturnType<ReturnType<typeof threadListQuery>["execute"]>> = [];
  for (const pinned of segments(scope, page)) {
    rows.push(...(await threadListQuery(scope, sort, filter, page, pinned, PAGE_SIZE + 1 - rows.length, viewer).execute()));
    if (rows.length > PAGE_SIZE) break;
  }
  const more = rows.length > PAGE_SIZE;
  const shown = rows.slice(0, PAGE_SIZE);
  if (backward) shown.reverse();
  const cursorOf = (row: (typeof rows)[number]) => formatCursor({ pinned: row.pinned, key: row[sortKey[sort]], id: row.id });
  const first = shown[0];
  const last = shown[shown.length - 1];
  const isFirstPage = backward ? !more : !page.after;
  const hasNext = backward ? true : more;
  return {
    threads: await withTags(shown),
    isFirstPage,
    /** Link to the page before this one (null on the first page). */
    prevCursor: !isFirstPage && first ? cursorOf(first) : null,
    nextCursor: hasNext && last ? cursorOf(last) : null,
  };
}

export type ThreadListPage = Awaited<ReturnType<typeof listThreads>>;
