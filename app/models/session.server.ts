import { getDb } from "~db/client.server";

/**
 * Signs a member out everywhere: every browser they were signed in with
 * must sign in again. `except` keeps one session (the one making the change)
 * alive. Returns how many sessions ended.
 */
export async function endAllSessions(userId: number, options: { except?: string | null } = {}): Promise<number> {
  let query = getDb().deleteFrom("sessions").where("user_id", "=", userId);
  if (options.except) query = query.where("id", "!=", options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
