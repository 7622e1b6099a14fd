import { sql } from "kysely";
import { getDb } from "~db/client.server";

/** True when the database answers a query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const result = await sql<{ ok: number }>`select 1 as ok`.execute(getDb());
    return result.rows[0]?.ok === 1;
  } catch {
    return false;
  }
}
