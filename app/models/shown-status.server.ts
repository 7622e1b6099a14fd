import { sql } from "kysely";
import type { ShownStatus } from "~/utils/idea-status";

/**
 * An idea's status as every list, page, search result, feed and API answer
 * shows it: "merged" once it was merged into another idea, whatever its row's
 * status was then. `table` is the name or alias the query gives threads.
 * Status filters and counts leave merged ideas out with
 * `merged_into_id is null` next to their status condition.
 */
export function shownStatus(table = "threads") {
  return sql<ShownStatus | null>`(case when ${sql.ref(`${table}.merged_into_id`)} is not null then 'merged' else ${sql.ref(`${table}.status`)} end)`;
}
