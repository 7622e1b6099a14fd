import type { Migration } from "kysely";
import * as m0011 from "./0011_baseline";

/**
 * PostgreSQL's migrations, in order. 0011_baseline gives PostgreSQL the
 * schema SQLite has after its migrations 0001–0011 (db/migrations/); every
 * later SQLite migration NNNN_name.ts has a twin here with the same name,
 * which tests/unit/schema-parity.test.ts checks along with the schemas.
 */
export const migrations: Record<string, Migration> = {
  "0011_baseline": m0011,
};
