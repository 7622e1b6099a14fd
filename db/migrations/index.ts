import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";
import * as m0002 from "./0002_co_creation";
import * as m0003 from "./0003_moderation";
import * as m0005 from "./0005_api_webhooks";
import * as m0006 from "./0006_discovery";
import * as m0007 from "./0007_security";
import * as m0008 from "./0008_performance";
import * as m0009 from "./0009_search_titles";
import * as m0010 from "./0010_search_index_optimize";
import * as m0011 from "./0011_search_queue";
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
 * Every migration, in order. Kysely's FileMigrationProvider imports files at
 * run time and cannot load TypeScript, so the list is spelled out here.
 *
 * There is no 0004: on 25 November 2026 several branches were written side by
 * side from 0003 and each numbered its migration ahead (0005_api_webhooks,
 * 0006_discovery, 0007_security); none took 0004. The gap is harmless (Kysely
 * runs them in name order) and must stay: a database records each migration
 * it ran by name, so renaming an applied one would make it look new. A new
 * migration takes the next number after the highest.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_co_creation": m0002,
  "0003_moderation": m0003,
  "0005_api_webhooks": m0005,
  "0006_discovery": m0006,
  "0007_security": m0007,
  "0008_performance": m0008,
  "0009_search_titles": m0009,
  "0010_search_index_optimize": m0010,
  "0011_search_queue": m0011,
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
