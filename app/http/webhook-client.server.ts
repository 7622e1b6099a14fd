import { createHmac, timingSafeEqual } from "node:crypto";
import { log } from "~/utils/log.server";
import { postToWebhook, Undeliverable } from "./outbound.server";

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

export type WebhookDelivery = { id: number; url: string; secret: string; event: string; payload: string };

/**
 * Sends one delivery: a signed JSON POST. Any 2xx is delivered; otherwise
 * `error` says what the receiver answered, or UNDELIVERABLE without an
 * answer, never why (a refused address and a closed port look the same, so
 * the admins' log can't map the server's network). The reason goes to the
 * server log for whoever runs it.
 */
export async function sendWebhook(delivery: WebhookDelivery): Promise<{ status: number | null; error: string | null }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const status = await postToWebhook(
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
    return { status, error: status >= 200 && status <= 299 ? null : `HTTP ${status}` };
  } catch (caught) {
    if (!(caught instanceof Undeliverable)) throw caught;
    log("warn", "webhook-undeliverable", { delivery: delivery.id, reason: caught.reason.slice(0, 200) });
    return { status: null, error: UNDELIVERABLE };
  }
}
