import type { Migration } from "kysely";
import * as m0011 from "./0011_baseline";
import * as m0012 from "./0012_security_hardening";
import * as m0013 from "./0013_acceptance_fixes";
import * as m0014 from "./0014_reading_fixes";
import * as m0015 from "./0015_customer_foundations";
import * as m0016 from "./0016_identity";
import * as m0017 from "./0017_customer_demand";
import * as m0018 from "./0018_success_over_time";
import * as m0019 from "./0019_page_cache_tags";
import * as m0020 from "./0020_shared_state";
import * as m0021 from "./0021_writing";
import * as m0022 from "./0022_reading";
import * as m0023 from "./0023_codesign_groups_polls";
import * as m0024 from "./0024_roadmap_links";
import * as m0025 from "./0025_sso_sessions";

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
  "0016_identity": m0016,
  "0017_customer_demand": m0017,
  "0018_success_over_time": m0018,
  "0019_page_cache_tags": m0019,
  "0020_shared_state": m0020,
  "0021_writing": m0021,
  "0022_reading": m0022,
  "0023_codesign_groups_polls": m0023,
  "0024_roadmap_links": m0024,
  "0025_sso_sessions": m0025,
};
