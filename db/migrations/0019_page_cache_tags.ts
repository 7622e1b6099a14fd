import type { Kysely } from "kysely";

/**
 * page_invalidations: what each committed write changed, as page-cache tags
 * (db/invalidation.server.ts). A write appends its row inside its own
 * transaction, so the row exists exactly when the write does; every app
 * process on the same SQLite file reads the rows after the last id it saw
 * (a few tens of milliseconds apart) and drops the cached pages they name.
 * AUTOINCREMENT keeps ids rising even after old rows are pruned, so a
 * process can tell it missed some. `origin` names the process that wrote
 * the row (it already dropped its own pages).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("page_invalidations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("page_invalidations_created").on("page_invalidations").column("created_at").execute();
}
