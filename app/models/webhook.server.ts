import { randomBytes, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, WebhookEvent, WebhookFormat } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { webhookUrlProblem } from "~/http/outbound.server";
import { siteUrl } from "~/http/site-url.server";
import { slackMessage } from "~/utils/slack-message";
import { threadPath } from "~/utils/slug";
import { getSiteSettings } from "./site-settings.server";
import { statusLabelsNow } from "./status-styles.server";
import { recordAudit } from "./audit.server";
import { shownStatus, threadFacts } from "./content.server";
import { ensure, Forbidden, Invalid, NotFound } from "./errors.server";

function requireWebhookAdmin(actor: Actor): asserts actor is NonNullable<Actor> {
  ensure(actor && can.manageWebhooks(actor), Forbidden, "Only admins can manage webhooks.");
}

export async function createWebhook(actor: Actor, input: { url: string; events: WebhookEvent[]; format?: WebhookFormat }) {
  requireWebhookAdmin(actor);
  ensure(input.events.length > 0, Invalid, "events", "Choose at least one event.");
  const problem = await webhookUrlProblem(input.url);
  if (problem) throw new Invalid("url", problem);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto("webhooks")
        .values({
          url: input.url,
          secret,
          events: input.events.join(","),
          format: input.format ?? "cocreate",
          created_by: actor.id,
          created_at: Date.now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "webhook.create",
        targetType: "webhook",
        targetId: row.id,
        detail: `${input.url}${input.format === "slack" ? " (Slack)" : ""}`,
      });
      return row.id;
    });
}

export async function deleteWebhook(actor: Actor, webhookId: number): Promise<void> {
  requireWebhookAdmin(actor);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx.deleteFrom("webhooks").where("id", "=", webhookId).executeTakeFirst();
      ensure(Number(result.numDeletedRows) === 1, NotFound, "We couldn't find that webhook.");
      await recordAudit(trx, { actorId: actor.id, action: "webhook.delete", targetType: "webhook", targetId: webhookId });
    });
}

export async function listWebhooks(actor: Actor) {
  requireWebhookAdmin(actor);
  const rows = await getDb()
    .selectFrom("webhooks")
    .select((eb) => [
      "webhooks.id",
      "webhooks.url",
      "webhooks.secret",
      "webhooks.events",
      "webhooks.format",
      "webhooks.created_at as createdAt",
      eb
        .selectFrom("webhook_deliveries")
        .select((d) => d.fn.countAll<number>().as("n"))
        .whereRef("webhook_deliveries.webhook_id", "=", "webhooks.id")
        .where("webhook_deliveries.status", "=", "failed")
        .as("failed"),
    ])
    .orderBy("webhooks.id")
    .execute();
  return rows.map((row) => ({ ...row, events: row.events.split(","), failed: Number(row.failed ?? 0) }));
}

/** A webhook's most recent deliveries, newest first: the log admins debug their receivers with. */
export async function listDeliveries(actor: Actor, webhookId: number, limit = 50) {
  requireWebhookAdmin(actor);
  const webhook = await getDb().selectFrom("webhooks").select(["id", "url"]).where("id", "=", webhookId).executeTakeFirst();
  ensure(webhook, NotFound, "We couldn't find that webhook.");
  const deliveries = await getDb()
    .selectFrom("webhook_deliveries")
    .select([
      "id",
      "event",
      "payload",
      "status",
      "attempts",
      "response_status as responseStatus",
      "last_error as lastError",
      "created_at as createdAt",
      "delivered_at as deliveredAt",
      "next_attempt_at as nextAttemptAt",
    ])
    .where("webhook_id", "=", webhookId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return { webhook, deliveries };
}

/** The public facts about a thread that every event carries. */
async function eventThread(trx: Transaction<Database>, threadId: number) {
  const thread = await trx
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.kind",
      shownStatus().as("status"),
      ...threadFacts,
      "products.slug as product",
      "users.username as author",
    ])
    .where("threads.id", "=", threadId)
    .executeTakeFirstOrThrow();
  const { author_id, hidden_at, deleted_at, group_id, ...facts } = thread;
  return { public: can.see(null, { author_id, hidden_at, deleted_at, group_id }), thread: { ...facts, url: siteUrl(threadPath(thread)) } };
}

/**
 * Queues an event for every active webhook that subscribed to it, inside the
 * transaction that makes the event happen. Nothing is queued about threads
 * a visitor may not see (hidden, deleted): webhooks see what visitors see.
 */
export async function queueWebhookEvent(
  trx: Transaction<Database>,
  event: WebhookEvent,
  threadId: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const hooks = await trx.selectFrom("webhooks").select(["id", "events", "format"]).where("active", "=", 1).execute();
  const subscribed = hooks.filter((hook) => hook.events.split(",").includes(event));
  if (subscribed.length === 0) return;
  const { public: seen, thread } = await eventThread(trx, threadId);
  if (!seen) return;
  const now = Date.now();
  const data = { thread, ...extra };
  const site = subscribed.some((hook) => hook.format === "slack")
    ? { name: (await getSiteSettings(trx)).siteName, statusLabel: (await statusLabelsNow(trx)) as (status: string) => string }
    : { name: "", statusLabel: String };
  for (const hook of subscribed) {
    const payload = JSON.stringify(
      hook.format === "slack" ? slackMessage(event, data, site) : { id: randomUUID(), event, createdAt: new Date(now).toISOString(), data },
    );
    await trx
      .insertInto("webhook_deliveries")
      .values({
        webhook_id: hook.id,
        event,
        payload,
        status: "pending",
        next_attempt_at: now,
        created_at: now,
        response_status: null,
        last_error: null,
        delivered_at: null,
      })
      .execute();
  }
}
