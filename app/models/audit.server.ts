import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { AuditLogTable, Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { ensure, Forbidden } from "./errors.server";

export type AuditEntry = {
  /** null for what the system does by itself, e.g. hiding a post the community flagged. */
  actorId: number | null;
  action: string;
  targetType: AuditLogTable["target_type"];
  targetId: number | null;
  reason?: string;
  /** Short plain text: what changed, e.g. "planned → shipped". Never secrets or personal data. */
  detail?: string;
};

/** Records a staff or admin action inside the transaction that performs it. */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? "",
      detail: entry.detail ?? "",
      created_at: Date.now(),
    })
    .execute();
}

export type AuditFilter = {
  action?: string | null;
  actor?: string | null;
  targetType?: string | null;
  before?: number | null;
};

const PAGE_SIZE = 50;

/**
 * The audit log, newest first, for staff; filters narrow by action, actor
 * username and target type. Each entry about a reply names its thread too.
 */
export async function listAudit(viewer: Actor, filter: AuditFilter = {}) {
  ensure(can.readAuditLog(viewer), Forbidden, "Only staff can read the audit log.");
  let query = getDb()
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .leftJoin("posts", (join) => join.on("audit_log.target_type", "=", "post").onRef("posts.id", "=", "audit_log.target_id"))
    .select([
      "posts.thread_id as postThreadId",
      "audit_log.id",
      "audit_log.action",
      "audit_log.target_type as targetType",
      "audit_log.target_id as targetId",
      "audit_log.reason",
      "audit_log.detail",
      "audit_log.created_at as createdAt",
      "users.username as actorUsername",
    ]);
  if (filter.action) query = query.where("audit_log.action", "=", filter.action);
  if (filter.targetType) query = query.where("audit_log.target_type", "=", filter.targetType as AuditLogTable["target_type"]);
  if (filter.actor) query = query.where("users.username", "=", filter.actor);
  if (filter.before) query = query.where("audit_log.id", "<", filter.before);
  const rows = await query
    .orderBy("audit_log.id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  return {
    entries: rows.slice(0, PAGE_SIZE),
    nextBefore: rows.length > PAGE_SIZE ? (rows[PAGE_SIZE - 1]?.id ?? null) : null,
  };
}

export async function listAuditActions(): Promise<string[]> {
  const rows = await getDb().selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
