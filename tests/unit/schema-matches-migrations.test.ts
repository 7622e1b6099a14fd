import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";

// Issue 15: db/schema.ts (the types every query is checked against) and the migrations (what the database really
// has) were two declarations that nothing compared. This test migrates a database (tests/unit/setup.ts) and
// compares them table by table, column by column, nullability included.

/** column name → nullable, per table */
type Shape = Record<string, Record<string, boolean>>;

/** What db/schema.ts declares: the tables of its `Database` interface and each table interface's columns. */
function declaredShape(): Shape {
  const file = path.resolve(import.meta.dirname, "../../db/schema.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const members = (name: string) =>
    interfaces
      .get(name)!
      .members.filter(ts.isPropertySignature)
      .map((member) => ({ name: member.name.getText(source), type: member.type! }));
  const nullable = (type: ts.TypeNode): boolean =>
    ts.isUnionTypeNode(type) && type.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
  const shape: Shape = {};
  for (const table of members("Database")) {
    const tableInterface = table.type.getText(source);
    expect(interfaces.has(tableInterface), `${table.name}: interface ${tableInterface}`).toBe(true);
    shape[table.name] = Object.fromEntries(members(tableInterface).map((column) => [column.name, nullable(column.type)]));
  }
  return shape;
}

/** What the migrated SQLite database has. A full-text (virtual) table's own storage tables are its business, not the schema's. */
async function migratedShape(): Promise<Shape> {
  const db = getDb();
  const tables = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
  `.execute(db);
  const virtual = tables.rows.filter((t) => /^create virtual table/i.test(t.sql)).map((t) => t.name);
  const shape: Shape = {};
  for (const { name } of tables.rows) {
    if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const columns = await sql<{
      name: string;
      notnull: number;
      pk: number;
    }>`select name, "notnull", pk from pragma_table_info(${name})`.execute(db);
    shape[name] = Object.fromEntries(
      // An INTEGER PRIMARY KEY is the rowid: never null, though SQLite reports no NOT NULL on it.
      columns.rows.map((c) => [c.name, c.notnull === 0 && c.pk === 0]),
    );
    if (virtual.includes(name)) {
      // A virtual table's columns carry no types or constraints in SQLite: compare names only, and its rowid.
      shape[name] = { rowid: false, ...Object.fromEntries(columns.rows.map((c) => [c.name, null])) } as Record<string, boolean>;
    }
  }
  return shape;
}

describe("db/schema.ts", () => {
  it("declares every table and column the migrations create, each nullable exactly where the database allows null", async () => {
    const declared = declaredShape();
    const migrated = await migratedShape();
    expect(Object.keys(declared).sort()).toEqual(Object.keys(migrated).sort());
    for (const [table, columns] of Object.entries(migrated)) {
      const expected = Object.fromEntries(
        Object.entries(columns).map(([column, nullable]) => [column, nullable === null ? declared[table]?.[column] : nullable]),
      );
      expect(declared[table], table).toEqual(expected);
    }
  });
});
