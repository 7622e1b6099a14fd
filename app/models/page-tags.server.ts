import type { Transaction } from "kysely";
import { touches } from "~db/invalidation.server";
import type { Database } from "~db/schema";
import { pageShows } from "~/utils/request-context.server";

/**
 * The page-cache tags, spelled in one place for the writes that name what
 * they change (db/invalidation.server.ts) and the pages that name what they
 * show (app/http/page-cache.server.ts). A write that names nothing changes
 * every page, so only frequent writes need to be here.
 */
const tag = {
  thread: (id: number) => `thread:${id}`,
  product: (id: number) => `product:${id}`,
  /** Lists across products: the home page's latest threads. */
  lists: "lists",
  /** The full-text index (search results). */
  search: "search",
};

/** A thread's own activity (a reply, a vote): its page, its product's lists and the lists across products change. */
export function threadActivityChanges(trx: Transaction<Database>, thread: { id: number; product_id: number }): Promise<void> {
  return touches(trx, tag.thread(thread.id), tag.product(thread.product_id), tag.lists);
}

/** Only the thread's own page changes (a re-ask of a measure's owner): no list shows it. */
export function threadPageChanges(trx: Transaction<Database>, threadId: number): Promise<void> {
  return touches(trx, tag.thread(threadId));
}

/** A write to a table visitors' pages read from that no page shows (the key that signs emailed links, kept among the settings). */
export function noPageChanges(trx: Transaction<Database>): Promise<void> {
  return touches(trx);
}

/** New text entered the search index: only search results change. */
export function searchIndexChanges(trx: Transaction<Database>): Promise<void> {
  return touches(trx, tag.search);
}

export const pageShowsThread = (id: number) => pageShows(tag.thread(id));
export const pageShowsProduct = (id: number) => pageShows(tag.product(id));
export const pageShowsLists = () => pageShows(tag.lists);
