/** What scripts/bench-data.ts puts in the benchmark database and scripts/bench.ts looks for there. */

export const BENCH_DB = "bench/bench.db";
export const BENCH_SEED = 7;
/** Every timestamp is relative to this fixed moment, so the same seed gives the same database on any day. */
export const BENCH_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export const BENCH_USER = { username: "bench", email: "bench@example.com", password: "cocreate-bench" } as const;

/** The question with exactly 50 replies that the thread scenario reads. */
export const BENCH_THREAD_TITLE = "How do I reconcile partial payments across two currencies?";
/** A quiet discussion with a handful of watchers that the reply scenario posts to. */
export const REPLY_THREAD_TITLE = "Where do you keep notes about a customer's billing quirks?";
/** The product whose list is paged to page 500 (it holds well over 12,500 threads). */
export const LIST_PRODUCT_SLUG = "ledger";
/** Two everyday words from the pooled text: 31,000 of 1.1 million documents match, the heavy case. */
export const SEARCH_QUERY = "invoice timezone";
/** An everyday word and a feature name: a few hundred matches, the usual case. */
export const SEARCH_QUERY_SPECIFIC = "invoice venfenlux";

export const COUNTS = {
  products: 20,
  users: 50_000,
  threads: 100_000,
  replies: 1_000_000,
  tags: 40,
} as const;
