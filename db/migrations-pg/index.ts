import type { Migration } from "kysely";
import * as m0011 from "./0011_baseline";
import * as m0012 from "./0012_security_hardening";
import * as m0013 from "./0013_acceptance_fixes";
import * as m0014 from "./0014_reading_fixes";
import * as m0015 from "./0015_customer_foundations";
import * as m0023 from "./0023_codesign_groups_polls";

/**
 * PostgreSQL's migrations, in order. 0011_baseline gives PostgreSQL the
 * schema SQLite has after its migrations 0001–0011 (db/migrations/); every
 * later SQLite migration NNNN_name.ts has a twin here with the same name,
 * which tests/unit/schema-parity.test.ts checks along with the schemas.
 */
export const migrations: Record<string, Migration> = {
  "0011_baseline": m0011,
  "0012_security_hardening": m0012,
  "0013_acceptance_fixes": m0013,
  "0014_reading_fixes": m0014,
  "0015_customer_foundations": m0015,
  "0023_codesign_groups_polls": m0023,
};
