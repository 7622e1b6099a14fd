import { sql, type Kysely } from "kysely";

/**
 * Merges search_index into one segment (FTS5's 'optimize'). Writes add
 * small segments that automerge (0008) folds together level by level, so a
 * large index holds a few dozen; every lookup seeks each term in each of
 * them. A snippet looks its row up by rowid: on the benchmark forum (19
 * segments) 20 snippets took 4–6 ms, after merging 0.5 ms, and counting or
 * stepping through matches got 10–30% cheaper. It rewrites the index once
 * (about 4 s for 1.1 million documents); later writes add small segments
 * again, which automerge keeps to a handful per level.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into search_index (search_index) values ('optimize')`.execute(db);
  await sql`insert into search_titles (search_titles) values ('optimize')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
