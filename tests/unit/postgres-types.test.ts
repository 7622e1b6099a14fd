import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";

// PostgreSQL only: how its bigint and numeric values reach JavaScript (db/postgres.server.ts).

describe("numbers from PostgreSQL", () => {
  it("reads bigint and numeric as JS numbers, as db/schema.ts declares them", async () => {
    const { rows } = await sql<{ id: unknown; n: unknown; total: unknown }>`
      select ${Date.now()}::bigint as id, count(*) as n, sum(x)::numeric as total from (values (1::bigint), (2::bigint)) v(x)
    `.execute(getDb());
    expect(rows[0]).toEqual({ id: expect.any(Number), n: 2, total: 3 });
  });

  it("refuses a bigint beyond what a JS number holds exactly instead of rounding it", async () => {
    await expect(sql`select 9007199254740993::bigint as id`.execute(getDb())).rejects.toThrow(
      "PostgreSQL returned 9007199254740993, beyond the integers JavaScript holds exactly.",
    );
  });
});
