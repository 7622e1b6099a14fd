import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, migrateToLatest } from "~db/client.server";
import { migrations as sqliteMigrations } from "~db/migrations/index";
import { migrations as postgresMigrations } from "~db/migrations-pg/index";
import { createSqliteDb } from "~db/sqlite.server";

/**
 * PostgreSQL only (it needs the unit-pg project's cluster): both engines,
 * migrated to the latest, must hold the same schema — every table, column
 * (type family, nullability, default, case-insensitivity), primary key,
 * unique constraint, foreign key, check count, index and trigger. Full-text
 * search is each engine's own and is left out by name. A SQLite migration
 * without its PostgreSQL twin (db/migrations-pg/, same file name) fails here.
 */

/** Each engine's own full-text machinery (db/search/). */
const SEARCH_TABLE = /^search_(index|titles|pending)(_\w+)?$/;
const SEARCH_TRIGGER = /^search_/;
const BOOKKEEPING_TABLE = /^(kysely_migration(_lock)?|sqlite_sequence)$/;

type Column = { family: string; nullable: boolean; default: string | null; caseInsensitive: boolean };
/** A column in words: "integer not null default 0", "text case-insensitive". */
const describeColumn = (c: Column) =>
  `${c.family}${c.nullable ? "" : " not null"}${c.default === null ? "" : ` default ${c.default}`}${c.caseInsensitive ? " case-insensitive" : ""}`;
type Table = {
  /** Column name → its description. */
  columns: Map<string, string>;
  primaryKey: string;
  unique: Set<string>;
  foreignKeys: Set<string>;
  checks: number;
  indexes: Map<string, string>;
  triggers: Set<string>;
};
type Schema = Map<string, Table>;

function family(type: string): string {
  const t = type.toLowerCase();
  if (/int/.test(t)) return "integer";
  if (/char|text|clob|citext/.test(t)) return "text";
  if (/real|floa|doub|numeric/.test(t)) return "real";
  if (/blob|bytea/.test(t)) return "blob";
  return t;
}

/** One spelling of an SQL expression for both engines: no quotes, casts, brackets, spaces or case. */
const normalize = (expression: string | null) =>
  expression === null
    ? null
    : expression
        .toLowerCase()
        .replace(/::[a-z ]+/g, "")
        .replace(/["()\s]/g, "");

const emptyTable = (): Table => ({
  columns: new Map(),
  primaryKey: "",
  unique: new Set(),
  foreignKeys: new Set(),
  checks: 0,
  indexes: new Map(),
  triggers: new Set(),
});

function sqliteSchema(file: string): Schema {
  const db = new SQLite(file, { readonly: true });
  const schema: Schema = new Map();
  const tables = db.prepare("select name, sql from sqlite_master where type = 'table'").all() as { name: string; sql: string }[];
  for (const { name, sql: definition } of tables) {
    if (SEARCH_TABLE.test(name) || BOOKKEEPING_TABLE.test(name)) continue;
    const table = emptyTable();
    const columns = db.prepare(`pragma table_info("${name}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    for (const c of columns) {
      table.columns.set(
        c.name,
        describeColumn({
          family: family(c.type),
          // SQLite lets a primary key column hold NULL unless it is the rowid; none of ours ever do.
          nullable: c.notnull === 0 && c.pk === 0,
          default: normalize(c.dflt_value),
          caseInsensitive: new RegExp(`"${c.name}"[^,]*collate nocase`, "i").test(definition),
        }),
      );
    }
    table.primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
      .join(", ");
    for (const index of db.prepare(`pragma index_list("${name}")`).all() as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[]) {
      const cols = (db.prepare(`pragma index_xinfo("${index.name}")`).all() as { name: string | null; desc: number; key: number }[])
        .filter((c) => c.key === 1)
        .map((c) => `${c.name}${c.desc ? " desc" : ""}`)
        .join(", ");
      if (index.origin === "u") table.unique.add(cols);
      if (index.origin !== "c") continue;
      const where =
        (db.prepare("select sql from sqlite_master where name = ?").get(index.name) as { sql: string }).sql.match(/ where (.*)$/is)?.[1] ??
        null;
      table.indexes.set(index.name, describeIndex(index.unique === 1, cols, normalize(where)));
    }
    for (const fk of db.prepare(`pragma foreign_key_list("${name}")`).all() as {
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[]) {
      table.foreignKeys.add(`${fk.from} → ${fk.table}.${fk.to} on delete ${fk.on_delete.toLowerCase()}`);
    }
    table.checks = (definition.match(/\bcheck\s*\(/gi) ?? []).length;
    schema.set(name, table);
  }
  const triggers = db.prepare("select name, tbl_name, sql from sqlite_master where type = 'trigger'").all() as {
    name: string;
    tbl_name: string;
    sql: string;
  }[];
  for (const trigger of triggers) {
    if (SEARCH_TRIGGER.test(trigger.name)) continue;
    const when = trigger.sql.match(/\b(before|after|instead of)\s+(insert|update|delete)\b/i)!;
    schema.get(trigger.tbl_name)?.triggers.add(`${trigger.name}: ${when[1]!.toLowerCase()} ${when[2]!.toLowerCase()}`);
  }
  db.close();
  return schema;
}

const describeIndex = (unique: boolean, columns: string, where: string | null) =>
  `${unique ? "unique " : ""}(${columns})${where ? ` where ${where}` : ""}`;

async function postgresSchema(): Promise<Schema> {
  const db = getDb();
  const schema: Schema = new Map();
  const { rows: columns } = await sql<{
    table: string;
    column: string;
    type: string;
    nullable: string;
    default: string | null;
    collation: string | null;
  }>`
    select c.table_name as table, c.column_name as column, c.udt_name as type, c.is_nullable as nullable,
           c.column_default as default, c.collation_name as collation
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
    order by c.table_name, c.ordinal_position
  `.execute(db);
  for (const c of columns) {
    if (SEARCH_TABLE.test(c.table) || BOOKKEEPING_TABLE.test(c.table)) continue;
    if (!schema.has(c.table)) schema.set(c.table, emptyTable());
    const identity = c.default === null && (await isIdentity(c.table, c.column));
    schema.get(c.table)!.columns.set(
      c.column,
      describeColumn({
        family: family(c.type),
        nullable: c.nullable === "YES",
        default: identity ? null : normalize(c.default),
        caseInsensitive: c.type === "citext",
      }),
    );
  }
  const { rows: constraints } = await sql<{
    table: string;
    type: string;
    columns: string[];
    target: string | null;
    targetColumns: string[] | null;
    onDelete: string;
  }>`
    select cl.relname as table, co.contype as type,
           array(select a.attname::text from unnest(co.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.n order by k.i) as columns,
           target.relname as target,
           array(select a.attname::text from unnest(co.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.n order by k.i) as "targetColumns",
           co.confdeltype as "onDelete"
    from pg_constraint co
    join pg_class cl on cl.oid = co.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = 'public'
    left join pg_class target on target.oid = co.confrelid
  `.execute(db);
  const onDelete: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
  for (const c of constraints) {
    const table = schema.get(c.table);
    if (!table) continue;
    if (c.type === "p") table.primaryKey = c.columns.join(", ");
    if (c.type === "u") table.unique.add(c.columns.join(", "));
    if (c.type === "f")
      table.foreignKeys.add(`${c.columns.join(", ")} → ${c.target}.${c.targetColumns!.join(", ")} on delete ${onDelete[c.onDelete]}`);
    if (c.type === "c") table.checks++;
  }
  const { rows: indexes } = await sql<{ table: string; name: string; unique: boolean; definition: string; where: string | null }>`
    select t.relname as table, i.relname as name, x.indisunique as unique, pg_get_indexdef(x.indexrelid) as definition,
           pg_get_expr(x.indpred, x.indrelid) as where
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace and ns.nspname = 'public'
    where not exists (select 1 from pg_constraint co where co.conindid = x.indexrelid)
  `.execute(db);
  for (const index of indexes) {
    const table = schema.get(index.table);
    if (!table) continue;
    const cols = index.definition
      .match(/USING \w+ \((.*?)\)( WHERE|$)/)![1]!
      .replace(/"/g, "")
      .replace(/ DESC/g, " desc");
    table.indexes.set(index.name, describeIndex(index.unique, cols, normalize(index.where)));
  }
  const { rows: triggers } = await sql<{ name: string; table: string; timing: string; event: string }>`
    select trigger_name as name, event_object_table as table, action_timing as timing, event_manipulation as event
    from information_schema.triggers where trigger_schema = 'public'
  `.execute(db);
  for (const trigger of triggers) {
    if (SEARCH_TRIGGER.test(trigger.name)) continue;
    schema.get(trigger.table)?.triggers.add(`${trigger.name}: ${trigger.timing.toLowerCase()} ${trigger.event.toLowerCase()}`);
  }
  return schema;
}

async function isIdentity(table: string, column: string): Promise<boolean> {
  const { rows } = await sql<{ is_identity: string }>`
    select is_identity from information_schema.columns where table_schema = 'public' and table_name = ${table} and column_name = ${column}
  `.execute(getDb());
  return rows[0]?.is_identity === "YES";
}

/** Every difference, in words, as "where: on SQLite … / on PostgreSQL …". */
function schemaDifferences(sqlite: Schema, postgres: Schema): string[] {
  const differences: string[] = [];
  const onlyIn = (engine: string, what: string) => differences.push(`${what} exists only on ${engine}`);
  const compare = (what: string, a: string | number, b: string | number) => {
    if (a !== b) differences.push(`${what}: on SQLite ${a}, on PostgreSQL ${b}`);
  };
  const sets = (what: string, a: Iterable<string>, b: Iterable<string>) => {
    const left = new Set(a);
    const right = new Set(b);
    for (const item of left) if (!right.has(item)) onlyIn("SQLite", `${what} ${item}`);
    for (const item of right) if (!left.has(item)) onlyIn("PostgreSQL", `${what} ${item}`);
  };
  for (const name of new Set([...sqlite.keys(), ...postgres.keys()])) {
    const a = sqlite.get(name);
    const b = postgres.get(name);
    if (!a || !b) {
      onlyIn(a ? "SQLite" : "PostgreSQL", `table ${name}`);
      continue;
    }
    for (const column of new Set([...a.columns.keys(), ...b.columns.keys()])) {
      const x = a.columns.get(column);
      const y = b.columns.get(column);
      if (!x || !y) onlyIn(x ? "SQLite" : "PostgreSQL", `column ${name}.${column}`);
      else compare(`column ${name}.${column}`, x, y);
    }
    compare(`primary key of ${name}`, a.primaryKey, b.primaryKey);
    sets(`unique constraint on ${name}`, a.unique, b.unique);
    sets(`foreign key ${name}`, a.foreignKeys, b.foreignKeys);
    compare(`number of check constraints on ${name}`, a.checks, b.checks);
    for (const index of new Set([...a.indexes.keys(), ...b.indexes.keys()])) {
      const x = a.indexes.get(index);
      const y = b.indexes.get(index);
      if (!x || !y) onlyIn(x ? "SQLite" : "PostgreSQL", `index ${index} on ${name}`);
      else compare(`index ${index} on ${name}`, x, y);
    }
    sets(`trigger on ${name}`, a.triggers, b.triggers);
  }
  return differences;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-parity-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the PostgreSQL schema matches SQLite's", () => {
  it("every SQLite migration after PostgreSQL's baseline has a PostgreSQL twin of the same name", () => {
    // The baseline covers SQLite's migrations up to its own number.
    const baseline = Object.keys(postgresMigrations)[0]!.slice(0, 4);
    const missing = Object.keys(sqliteMigrations).filter((name) => name.slice(0, 4) > baseline && !(name in postgresMigrations));
    expect(missing.map((name) => `db/migrations/${name}.ts has no twin db/migrations-pg/${name}.ts`)).toEqual([]);
  });

  it("has the same tables, columns, keys, constraints, indexes and triggers", async () => {
    const file = path.join(dir, "parity.db");
    const sqliteDb = createSqliteDb(file);
    await migrateToLatest(sqliteDb);
    await sqliteDb.destroy();
    expect(schemaDifferences(sqliteSchema(file), await postgresSchema())).toEqual([]);
  });

  it("sorts text like SQLite: every text column of PostgreSQL's uses the C collation", async () => {
    const { rows } = await sql<{ column: string; collation: string | null }>`
      select table_name || '.' || column_name as column, collation_name as collation
      from information_schema.columns
      where table_schema = 'public' and udt_name in ('text', 'citext', 'varchar') and table_name not like 'kysely_%'
    `.execute(getDb());
    expect(rows.filter((r) => r.collation !== "C").map((r) => `${r.column} has collation ${r.collation ?? "default"}, not "C"`)).toEqual(
      [],
    );
  });

  it("reports a difference in words", () => {
    const table = () => ({ ...emptyTable(), columns: new Map([["id", "integer not null"]]) });
    const a: Schema = new Map([["things", table()]]);
    const b: Schema = new Map([
      ["things", table()],
      ["extra", table()],
    ]);
    b.get("things")!.columns.set("name", "text");
    b.get("things")!.columns.set("id", "integer");
    b.get("things")!.indexes.set("things_name", "(name)");
    expect(schemaDifferences(a, b)).toEqual([
      "column things.id: on SQLite integer not null, on PostgreSQL integer",
      "column things.name exists only on PostgreSQL",
      "index things_name on things exists only on PostgreSQL",
      "table extra exists only on PostgreSQL",
    ]);
  });
});
