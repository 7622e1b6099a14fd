/**
 * npm run db:copy-to-postgres — copies a SQLite forum into an empty PostgreSQL database:
 *   DATABASE_PATH=data/cocreate.db DATABASE_URL=postgres://… npm run db:copy-to-postgres
 *   npm run db:copy-to-postgres -- --from data/cocreate.db --to postgres://…
 *
 * The target is migrated first and must hold no rows. Every table is copied
 * in batches inside one transaction (a failure leaves the target empty), ids
 * kept; the target's triggers are off meanwhile, so rows (counters included)
 * arrive exactly as SQLite holds them, and the search index is built once at
 * the end. Identity sequences then continue after the largest id, the
 * row count of every table is compared with the source, and the tables are
 * analyzed. The SQLite file is
 * only read; stop the server first so nothing is written meanwhile.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { sql, type Kysely, type Transaction } from "kysely";
import { migrateToLatest } from "~db/client.server";
import { migrations as sqliteMigrations } from "~db/migrations/index";
import { createPostgresDb, isPostgresUrl } from "~db/postgres.server";
import type { Database } from "~db/schema";
import { databasePath } from "~db/sqlite.server";

/** Values per INSERT at most: one array parameter per column, so this bounds the statement's size, not its parameter count. */
const BATCH_ROWS = 5000;

export type TableCopy = { table: string; rows: number };

type TargetTable = {
  name: string;
  columns: { name: string; type: string }[];
  /** Foreign keys to other tables: they are copied first. */
  dependsOn: { column: string; target: string; nullable: boolean }[];
  /**
   * Columns filled in once every table is copied: those that point into the
   * same table (an idea merged into a later one), and those that close a
   * cycle of foreign keys (a member's account, and the account's owner).
   */
  laterReferences: string[];
  identity: string | null;
};

/** The tables to fill, each after those it points to; the engine's own search index is left out (rebuilt at the end). */
async function targetTables(db: Transaction<Database>): Promise<TargetTable[]> {
  const { rows: columns } = await sql<{ table: string; column: string; type: string; identity: boolean }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attidentity <> '' as identity
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where c.relkind = 'r' and c.relname not like 'kysely_%' and c.relname <> 'search_index'
    order by c.relname, a.attnum
  `.execute(db);
  const { rows: keys } = await sql<{ table: string; column: string; target: string; nullable: boolean }>`
    select c.relname as table, a.attname as column, t.relname as target, not a.attnotnull as nullable
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class t on t.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f'
  `.execute(db);
  const tables = new Map<string, TargetTable>();
  for (const c of columns) {
    const table = tables.get(c.table) ?? { name: c.table, columns: [], dependsOn: [], laterReferences: [], identity: null };
    table.columns.push({ name: c.column, type: c.type });
    if (c.identity) table.identity = c.column;
    tables.set(c.table, table);
  }
  for (const key of keys) {
    const table = tables.get(key.table);
    if (!table) continue;
    if (key.target === key.table) table.laterReferences.push(key.column);
    else if (tables.has(key.target)) table.dependsOn.push({ column: key.column, target: key.target, nullable: key.nullable });
  }
  const ordered: TargetTable[] = [];
  const placed = new Set<string>();
  const unplaced = () => [...tables.values()].filter((t) => !placed.has(t.name)).sort((a, b) => a.name.localeCompare(b.name));
  while (ordered.length < tables.size) {
    let ready = unplaced().filter((t) => t.dependsOn.every((d) => placed.has(d.target)));
    if (ready.length === 0) {
      // A cycle (a member's account, and the account's owner): a table in it whose references to the
      // others may be empty goes first, and those references are filled in at the end.
      const first = unplaced().find((t) => inCycle(t, tables, placed) && t.dependsOn.every((d) => placed.has(d.target) || d.nullable));
      if (!first) throw new Error("The target's foreign keys form a cycle; the copy cannot order its tables.");
      for (const d of first.dependsOn.filter((d) => !placed.has(d.target))) first.laterReferences.push(d.column);
      first.dependsOn = first.dependsOn.filter((d) => placed.has(d.target));
      ready = [first];
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

/** Whether `table` reaches itself through the foreign keys of tables not yet placed. */
function inCycle(table: TargetTable, tables: Map<string, TargetTable>, placed: Set<string>): boolean {
  const seen = new Set<string>();
  const pending = table.dependsOn.filter((d) => !placed.has(d.target)).map((d) => d.target);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === table.name) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const d of tables.get(name)?.dependsOn ?? []) if (!placed.has(d.target)) pending.push(d.target);
  }
  return false;
}

function checkSource(source: SQLite.Database, tables: TargetTable[]) {
  const applied = new Set((source.prepare("select name from kysely_migration").all() as { name: string }[]).map((row) => row.name));
  const missing = Object.keys(sqliteMigrations).filter((name) => !applied.has(name));
  if (missing.length > 0) {
    throw new Error(
      `The SQLite database lacks migrations ${missing.join(", ")}: start the app on it once (npm start) to bring it up to date, then copy.`,
    );
  }
  const targetNames = new Set(tables.map((t) => t.name));
  const sourceTables = (source.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
    .map((row) => row.name)
    // SQLite's own full-text tables (the target builds its own index), and bookkeeping.
    .filter((name) => !/^(search_|sqlite_|kysely_)/.test(name));
  const unknown = sourceTables.filter((name) => !targetNames.has(name));
  if (unknown.length > 0) throw new Error(`PostgreSQL has no table ${unknown.join(", ")}; a PostgreSQL twin migration is missing.`);
  for (const table of tables) {
    const columns = new Set((source.prepare(`pragma table_info("${table.name}")`).all() as { name: string }[]).map((c) => c.name));
    const absent = table.columns.filter((c) => !columns.has(c.name)).map((c) => c.name);
    if (absent.length > 0) throw new Error(`SQLite's table ${table.name} has no column ${absent.join(", ")}; the two schemas differ.`);
  }
}

/** Copies a table's rows, leaving its later references empty; returns the count and what fills them in. */
async function copyTable(
  source: SQLite.Database,
  trx: Transaction<Database>,
  table: TargetTable,
): Promise<{ copied: number; fillLater: () => Promise<void> }> {
  const names = table.columns.map((c) => c.name);
  const later = new Set(table.laterReferences);
  const insert = (rows: Record<string, unknown>[]) =>
    sql`
      insert into ${sql.table(table.name)} (${sql.join(names.map((n) => sql.ref(n)))})
      ${table.identity ? sql`overriding system value` : sql``}
      select * from unnest(${sql.join(
        table.columns.map((c) => sql`${rows.map((row) => (later.has(c.name) ? null : row[c.name]))}::${sql.raw(c.type)}[]`),
      )})
    `.execute(trx);
  const laterValues: Record<string, unknown>[] = [];
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const order = table.identity ? `order by "${table.identity}"` : "";
  for (const row of source.prepare(`select ${names.map((n) => `"${n}"`).join(", ")} from "${table.name}" ${order}`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    batch.push(row);
    if (table.laterReferences.some((column) => row[column] !== null)) laterValues.push(row);
    if (batch.length === BATCH_ROWS) {
      await insert(batch);
      copied += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
  copied += batch.length;
  const fillLater = async () => {
    for (const column of table.laterReferences) {
      for (const row of laterValues.filter((r) => r[column] !== null)) {
        await sql`update ${sql.table(table.name)} set ${sql.ref(column)} = ${row[column]} where ${sql.ref(table.identity!)} = ${row[table.identity!]}`.execute(
          trx,
        );
      }
    }
  };
  return { copied, fillLater };
}

/** Copies every table of the SQLite file into the (migrated, empty) PostgreSQL database; returns each table's row count. */
export async function copySqliteToPostgres(sqliteFile: string, target: Kysely<Database>): Promise<TableCopy[]> {
  const source = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    await migrateToLatest(target);
    const copies = await target.transaction().execute(async (trx) => {
      const tables = await targetTables(trx);
      checkSource(source, tables);
      for (const table of tables) {
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(trx);
        if (rows[0]!.n > 0)
          throw new Error(`The PostgreSQL database already holds data (${table.name}: ${rows[0]!.n} rows); copy into an empty database.`);
      }
      for (const table of tables) await sql`alter table ${sql.table(table.name)} disable trigger user`.execute(trx);
      const counts: TableCopy[] = [];
      const fills: (() => Promise<void>)[] = [];
      for (const table of tables) {
        const { copied, fillLater } = await copyTable(source, trx, table);
        counts.push({ table: table.name, rows: copied });
        fills.push(fillLater);
      }
      for (const fill of fills) await fill();
      for (const table of tables) await sql`alter table ${sql.table(table.name)} enable trigger user`.execute(trx);
      await sql`select search_index_rebuild()`.execute(trx);
      for (const table of tables.filter((t) => t.identity)) {
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${table.identity}), coalesce(max(${sql.ref(table.identity!)}), 0) + 1, false) from ${sql.table(table.name)}`.execute(
          trx,
        );
      }
      return counts;
    });
    await checkCounts(source, target, copies);
    // Fresh statistics, so the planner knows the tables are no longer empty.
    await sql`analyze`.execute(target);
    return copies;
  } finally {
    source.close();
  }
}

async function checkCounts(source: SQLite.Database, target: Kysely<Database>, copies: TableCopy[]) {
  const wrong: string[] = [];
  for (const { table } of copies) {
    const expected = (source.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target);
    if (rows[0]!.n !== expected) wrong.push(`${table}: ${expected} in SQLite, ${rows[0]!.n} in PostgreSQL`);
  }
  if (wrong.length > 0) throw new Error(`Row counts differ after the copy:\n  ${wrong.join("\n  ")}`);
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const from = argument("--from") ?? databasePath();
  const to = argument("--to") ?? process.env.DATABASE_URL;
  if (!isPostgresUrl(to)) {
    console.error("Say where to copy to: DATABASE_URL=postgres://user:password@host:5432/cocreate, or --to postgres://…");
    process.exit(1);
  }
  const target = createPostgresDb(to, [], { max: 1 });
  const started = Date.now();
  try {
    const copies = await copySqliteToPostgres(from, target);
    for (const { table, rows } of copies) console.log(`${table.padEnd(20)} ${String(rows).padStart(10)} rows`);
    console.log(`Copied ${from} into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's row count matches.`);
  } catch (error) {
    console.error(`Copy failed; no rows were written: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await target.destroy();
  }
}
