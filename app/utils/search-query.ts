/**
 * Turns whatever someone typed into the words a search looks for. Only runs
 * of letters and digits survive, so no operator of either engine's query
 * language (FTS5's AND, NEAR, *, ^, :; PostgreSQL's &, |, !, <->) can be typed
 * and nothing typed can make a query fail. Balanced double quotes keep a
 * phrase. Each engine turns these words into its own query
 * (db/search/sqlite.server.ts, db/search/postgres.server.ts).
 */

export const SEARCH_MAX_LENGTH = 200;
/**
 * How many matches each part of a search reads at most (title matches, the
 * newest matching threads, the newest matching replies); past this the page
 * says so and people refine the query.
 */
export const SEARCH_MAX_MATCHES = 1000;
const MAX_TERMS = 12;

const word = /[\p{L}\p{N}]+/gu;

const stopWords = new Set(
  "a an and are as at be but by can do does for from how i if in into is it my no not of on or so that the their then there these this to was we what when where which who why will with you your".split(
    " ",
  ),
);

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** The search text as stored in URLs and shown back: trimmed, capped, without control characters. */
export function normalizeSearchText(input: unknown): string {
  if (typeof input !== "string") return "";
  return input.replace(CONTROL_CHARACTERS, " ").trim().slice(0, SEARCH_MAX_LENGTH);
}

/**
 * Groups of words, every one of which must match: a quoted phrase is one
 * group, every other word its own. Empty when nothing searchable was typed.
 */
export function searchTerms(input: string): string[][] {
  const groups: string[][] = [];
  for (const match of normalizeSearchText(input).matchAll(/"([^"]*)"|[^\s"]+/g)) {
    const words = (match[1] ?? match[0]).match(word);
    if (words) groups.push(words);
  }
  return groups.slice(0, MAX_TERMS);
}

export type SimilarWord = { word: string; prefix: boolean };

/** Every word must be in the title, the last one as a prefix (what someone picking a title types). */
export function titleWords(input: string): SimilarWord[] {
  const words = searchTerms(input).flat();
  return words.map((word, i) => ({ word, prefix: i === words.length - 1 && word.length >= 2 }));
}

/**
 * For "similar threads": the meaningful words of a title being written, any
 * of which may match, the last one as a prefix because the person is still
 * typing it. Only titles count.
 */
export function similarWords(title: string): SimilarWord[] {
  const words = searchTerms(title)
    .flat()
    .filter((w) => w.length > 1 && !stopWords.has(w.toLowerCase()));
  return words.map((word, i) => ({ word, prefix: i === words.length - 1 && word.length >= 3 }));
}

/** The line above search results: how many threads match, and whether the search stopped reading at its limit. */
export function searchSummary({
  q,
  total,
  capped,
  page,
  pageCount,
}: {
  q: string;
  total: number;
  capped: boolean;
  page: number;
  pageCount: number;
}): string {
  const count = capped
    ? `More than ${SEARCH_MAX_MATCHES.toLocaleString("en")} threads and replies match “${q}”. Showing ${total} threads: those with every word in the title first, then the newest matches. Add a word or a filter to see fewer.`
    : `${total} ${total === 1 ? "thread matches" : "threads match"} “${q}”`;
  return pageCount > 1 ? `${count} · page ${page} of ${pageCount}` : count;
}
