import type { IdeaStatus, ThreadKind } from "~db/schema";

/** The sorts and filters of a thread list, as they appear in its URL (shareable, back-button safe). */

export const listSorts = ["activity", "newest", "votes", "replies"] as const;
export type ListSort = (typeof listSorts)[number];

export const sortLabels: Record<ListSort, string> = {
  activity: "Latest activity",
  newest: "Newest",
  votes: "Most votes",
  replies: "Most replies",
};

export type ListParams = {
  sort: ListSort;
  kind?: ThreadKind;
  status?: IdeaStatus;
  solved?: "yes" | "no";
  unanswered?: "1";
  tag?: string;
};

const order = ["sort", "kind", "status", "solved", "unanswered", "tag"] as const;

/** "?sort=votes&kind=idea…" for the given params (defaults left out), plus extra keys such as a cursor. */
export function listSearch(params: ListParams, extra: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const key of order) {
    const value = params[key];
    if (value && !(key === "sort" && value === "activity")) search.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function hasFilters(params: ListParams): boolean {
  return Boolean(params.kind || params.status || params.solved || params.unanswered || params.tag);
}

export type PagerLinks = { first: string | null; prev: string | null; next: string | null };

/** The links between pages of a keyset-paged list. */
export function pagerLinks(
  path: string,
  params: ListParams,
  page: { isFirstPage: boolean; prevCursor: string | null; nextCursor: string | null },
): PagerLinks {
  return {
    first: page.isFirstPage ? null : `${path}${listSearch(params)}`,
    prev: page.prevCursor ? `${path}${listSearch(params, { before: page.prevCursor })}` : null,
    next: page.nextCursor ? `${path}${listSearch(params, { after: page.nextCursor })}` : null,
  };
}
