import type { Transaction } from "kysely";
import type { Database, NotificationKind } from "~db/schema";
import { inChunks } from "~/utils/chunks";
import { getDeliveries } from "./preferences.server";

export type OutgoingEmail = {
  userId: number;
  notificationId: number | null;
  kind: NotificationKind;
  subject: string;
  text: string;
};

/**
 * Puts emails in the outbox inside the caller's transaction, so each message
 * exists exactly when the event it reports does; members who turned that
 * kind off get none. The background sender delivers them (or folds them into
 * the daily digest) later. One preference lookup and one insert per kind,
 * however many recipients.
 */
export async function queueEmails(trx: Transaction<Database>, emails: readonly OutgoingEmail[]): Promise<void> {
  const now = Date.now();
  for (const kind of new Set(emails.map((email) => email.kind))) {
    const ofKind = emails.filter((email) => email.kind === kind);
    const deliveries = await getDeliveries(
      trx,
      kind,
      ofKind.map((email) => email.userId),
    );
    const rows = ofKind.flatMap((email) => {
      const delivery = deliveries.get(email.userId) ?? "immediate";
      if (delivery === "off") return [];
      return [
        {
          user_id: email.userId,
          notification_id: email.notificationId,
          kind: email.kind,
          delivery,
          subject: email.subject,
          text_body: email.text,
          status: "pending" as const,
          next_attempt_at: now,
          digest_id: null,
          created_at: now,
          sent_at: null,
        },
      ];
    });
    for (const chunk of inChunks(rows, 200)) await trx.insertInto("email_outbox").values(chunk).execute();
  }
}
