import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { sendWebhook } from "~/http/webhook-client.server";
import { every, type Job } from "./job.server";
import { retryEach } from "./retry.server";

/**
 * Delivers due webhook events (app/http/webhook-client.server.ts sends one),
 * with the retry loop every job that sends something out shares: anything
 * but a 2xx is retried with growing delays, then marked failed.
 */
export async function deliverDueWebhooks(now = Date.now(), batch = 50) {
  const db = getDb();
  const due = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .select([
      "webhook_deliveries.id",
      "webhook_deliveries.event",
      "webhook_deliveries.payload",
      "webhook_deliveries.attempts",
      "webhooks.url",
      "webhooks.secret",
    ])
    .where("webhook_deliveries.status", "=", "pending")
    .where("webhook_deliveries.next_attempt_at", "<=", now)
    .orderBy("webhook_deliveries.next_attempt_at")
    .limit(batch)
    .execute();
  const { done, retry, failed } = await retryEach("webhook_deliveries", due, now, {
    attempt: sendWebhook,
    record: (delivery, { status, error }, outcome) =>
      db
        .updateTable("webhook_deliveries")
        .set({
          status: outcome === "done" ? "delivered" : outcome === "failed" ? "failed" : "pending",
          response_status: status,
          last_error: error,
          delivered_at: outcome === "done" ? Date.now() : null,
        })
        .where("id", "=", delivery.id)
        .execute(),
  });
  return { delivered: done, retried: retry, failed };
}

export const deliverWebhooksJob: Job = {
  name: "deliver-webhooks",
  start: () => every("deliver-webhooks", config().BACKGROUND_POLL_MS, () => deliverDueWebhooks()),
};
