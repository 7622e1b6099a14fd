import type { Transaction } from "kysely";
import type { Database, NotificationKind } from "~db/schema";
import { getDelivery } from "./preferences.server";

export type OutgoingEmail = {
  userId: number;
  notificationId: number | null;
  kind: NotificationKind;
  subject: string;
  text: string;
};

/**
 * Puts an email in the outbox inside the caller's transaction, so the message
 * exists exactly when the event it reports does. The background sender
 * delivers it (or folds it into the daily digest) later.
 */
export async function queueEmail(trx: Transaction<Database>, email: OutgoingEmail): Promise<void> {
  const delivery = await getDelivery(trx, email.userId, email.kind);
  if (delivery === "off") return;
  const now = Date.now();
  await trx
    .insertInto("email_outbox")
    .values({
      user_id: email.userId,
      notification_id: email.notificationId,
      kind: email.kind,
      delivery,
      subject: email.subject,
      text_body: email.text,
      status: "pending",
      next_attempt_at: now,
      digest_id: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
}
