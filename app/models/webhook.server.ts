import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, WebhookEvent } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { postToWebhook, Undeliverable, webhookUrlProblem } from "~/http/outbound.server";
import { log } from "~/utils/log.server";
import { MAX_ATTEMPTS, nextAttemptAt } from "~/utils/retry";
import { siteUrl } from "~/utils/site-url.server";
import { threadPath } from "~/utils/slug";
import { webhookEvents } from "~/utils/webhook-events";
import { recordAudit } from "./audit.server";
import { shownStatus } from "./shown-status.server";
import { ensure, Forbidden, Invalid, NotFound } from "./errors.server";

function requireWebhookAdmin(actor: Actor): asserts actor is NonNullable<Actor> {
  ensure(actor && can.manageWebhooks(actor), Forbidden, "Only admins can manage webhooks.");
}

/** The signature a receiver recomputes: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does with the headers we send: true only for an untouched body signed with this secret. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What a delivery that got no HTTP answer records: the same whether the address was refused or nothing answered there. */
export const UNDELIVERABLE = "Not delivered: nothing answered at that address, or it is one webhooks may not use.";

export async function createWebhook(actor: Actor, input: { url: string; events: WebhookEvent[] }) {
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
        .values({ url: input.url, secret, events: input.events.join(","), created_by: actor.id, created_at: Date.now() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actorId: actor.id, action: "webhook.create", targetType: "webhook", targetId: row.id, detail: input.url });
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
    .select(["id", "event", "payload", "status", "attempts", "response_status as responseStatus", "last_error as lastError", "created_at as createdAt", "delivered_at as deliveredAt", "next_attempt_at as nextAttemptAt"])
    .where("webhook_id", "=", webhookId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return { webhook, deliveries };
}

/** The public facts about a thread that every event carries. */
async function threadFacts(trx: Transaction<Database>, threadId: number) {
  const thread = await trx
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select(["threads.id", "threads.title", "threads.kind", shownStatus().as("status"), "threads.hidden_at", "products.slug as product", "users.username as author"])
    .where("threads.id", "=", threadId)
    .executeTakeFirstOrThrow();
  const { hidden_at: hiddenAt, ...facts } = thread;
  return { hidden: hiddenAt !== null, thread: { ...facts, url: siteUrl(threadPath(thread)) } };
}

/**
 * Queues an event for every active webhook that subscribed to it, inside the
 * transaction that makes the event happen. Nothing is queued about hidden
 * threads: webhooks see what visitors see.
 */
export async function queueWebhookEvent(
  trx: Transaction<Database>,
  event: WebhookEvent,
  threadId: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const hooks = await trx.selectFrom("webhooks").select(["id", "events"]).where("active", "=", 1).execute();
  const subscribed = hooks.filter((hook) => hook.events.split(",").includes(event));
  if (subscribed.length === 0) return;
  const { hidden, thread } = await threadFacts(trx, threadId);
  if (hidden) return;
  const now = Date.now();
  for (const hook of subscribed) {
    const payload = JSON.stringify({ id: randomUUID(), event, createdAt: new Date(now).toISOString(), data: { thread, ...extra } });
    await trx
      .insertInto("webhook_deliveries")
      .values({ webhook_id: hook.id, event, payload, status: "pending", next_attempt_at: now, created_at: now, response_status: null, last_error: null, delivered_at: null })
      .execute();
  }
}

/**
 * Delivers due webhook events: a signed JSON POST; any 2xx is delivered,
 * anything else is retried with growing delays, then marked failed. The
 * log shows the HTTP status a receiver answered; without an answer it shows
 * UNDELIVERABLE, never why (a refused address and a closed port look the
 * same, so the log can't map the server's network). The reason goes to the
 * server log for whoever runs it.
 */
export async function deliverDueWebhooks(now = Date.now(), batch = 50) {
  const db = getDb();
  const due = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .select(["webhook_deliveries.id", "webhook_deliveries.event", "webhook_deliveries.payload", "webhook_deliveries.attempts", "webhooks.url", "webhooks.secret"])
    .where("webhook_deliveries.status", "=", "pending")
    .where("webhook_deliveries.next_attempt_at", "<=", now)
    .orderBy("webhook_deliveries.next_attempt_at")
    .limit(batch)
    .execute();
  const result = { delivered: 0, retried: 0, failed: 0 };
  for (const delivery of due) {
    const attempts = delivery.attempts + 1;
    await db.updateTable("webhook_deliveries").set({ attempts, next_attempt_at: nextAttemptAt(attempts, now) }).where("id", "=", delivery.id).execute();
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postToWebhook(
        delivery.url,
        {
          "Content-Type": "application/json",
          "User-Agent": "Cocreate-Webhooks/1",
          "X-Cocreate-Event": delivery.event,
          "X-Cocreate-Delivery": String(delivery.id),
          "X-Cocreate-Timestamp": timestamp,
          "X-Cocreate-Signature": signWebhook(delivery.secret, timestamp, delivery.payload),
        },
        delivery.payload,
      );
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (caught) {
      if (!(caught instanceof Undeliverable)) throw caught;
      log("warn", "webhook-undeliverable", { delivery: delivery.id, reason: caught.reason.slice(0, 200) });
      error = UNDELIVERABLE;
    }
    const gaveUp = error !== null && attempts >= MAX_ATTEMPTS;
    await db
      .updateTable("webhook_deliveries")
      .set({
        status: error === null ? "delivered" : gaveUp ? "failed" : "pending",
        response_status: status,
        last_error: error,
        delivered_at: error === null ? Date.now() : null,
      })
      .where("id", "=", delivery.id)
      .execute();
    if (error === null) result.delivered += 1;
    else if (gaveUp) result.failed += 1;
    else result.retried += 1;
  }
  return result;
}

export const knownWebhookEvents = new Set(webhookEvents.map((e) => e.value));
