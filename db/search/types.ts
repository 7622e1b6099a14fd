import type { Kysely, RawBuilder } from "kysely";
import type { Database } from "../schema";

/**
 * What each engine's full-text search does (db/search/sqlite.server.ts with
 * FTS5, db/search/postgres.server.ts with tsvector and GIN). The model
 * (app/models/search.server.ts) parses what was typed, builds the filter and
 * reads the page's rows; the engine finds and ranks matches. A hit is the
 * row id of a match: thread id * 2 for a thread's own text, reply id * 2 + 1
 * for a reply.
 */

export type ThreadSearch = {
  /** Groups of words that must all match; a group of several words is a phrase. */
  terms: string[][];
  /** Conditions on the matched thread `t`: visible, and the filters chosen. */
  threadFilter: RawBuilder<unknown>;
  /** Conditions on a matched reply `p`: the visibility rule (publicContent("p")). */
  replyFilter: RawBuilder<unknown>;
  /** How many matches each part (titles, threads, replies) reads at most. */
  maxMatches: number;
  limit: number;
  offset: number;
};

export type ThreadMatches = {
  /** The page, best first: each thread once, with the hit its snippet comes from. */
  page: { threadId: number; hit: number }[];
  total: number;
  /** A part held more than maxMatches matches, so total counts only those read. */
  capped: boolean;
};

export type TitleSearch = {
  /** A prefix word matches every word it begins. */
  words: { word: string; prefix: boolean }[];
  /** Every word must be in the title (someone picking a title by typing it), or any (similar titles). */
  every: boolean;
  /** Conditions on the matched thread `t` (visible, kind, product …). */
  threadFilter: RawBuilder<unknown>;
  limit: number;
};

/** What goes around a matched word in a snippet (app/utils/snippet.ts turns them into <mark>). */
export type SnippetMarks = { start: string; end: string };

export type SearchQueries = {
  matchThreads(db: Kysely<Database>, search: ThreadSearch): Promise<ThreadMatches>;
  /** About two dozen words of each hit's text around the matches, each matched word between the marks. */
  snippets(db: Kysely<Database>, terms: string[][], hits: number[], marks: SnippetMarks): Promise<Map<number, string>>;
  /** Threads whose titles hold every word or any word, best title match first. */
  titleMatchIds(db: Kysely<Database>, search: TitleSearch): Promise<number[]>;
  /** Moves replies waiting to be indexed into the index; returns how many were taken. */
  indexPendingReplies(db: Kysely<Database>, batch: number): Promise<number>;
};
