import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { MAX_ATTEMPTS, nextAttemptAt } from "~/utils/retry";
import { siteUrl } from "~/utils/site-url.server";
import type { Mail, MailTransport } from "./transport.server";
import { createUnsubscribeToken, type UnsubscribeScope } from "./unsubscribe-token.server";
import { getSiteSettings } from "~/models/site-settings.server";
import { defaultSiteSettings } from "~/utils/site-settings";


export function digestIntervalMs(): number {
  return config().DIGEST_INTERVAL_HOURS * 3_600_000;
}

async function withFooter(userId: number, scope: UnsubscribeScope, text: string, siteName: string) {
  const unsubscribeUrl = siteUrl(`/unsubscribe?token=${await createUnsubscribeToken(userId, scope)}`);
  const what = scope === "all" ? `all ${siteName} emails` : "emails like this one";
  const body = [
    text,
    "",
    "—",
    `Choose which emails you get: ${siteUrl("/settings/email")}`,
    `Unsubscribe from ${what} (one click, no sign-in): ${unsubscribeUrl}`,
  ].join("\n");
  return {
    text: body,
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

/**
 * Folds each member's pending daily emails into one digest once the oldest
 * has waited a full interval. Returns how many digests were queued.
 */
export async function gatherDigests(now = Date.now()): Promise<number> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const due = await trx
        .selectFrom("email_outbox")
        .select("user_id")
        .where("status", "=", "pending")
        .where("delivery", "=", "daily")
        .groupBy("user_id")
        .having((eb) => eb.fn.min("created_at"), "<=", now - digestIntervalMs())
        .execute();
      const { siteName } = due.length > 0 ? await getSiteSettings(trx) : defaultSiteSettings;
      for (const { user_id: userId } of due) {
        const items = await trx
          .selectFrom("email_outbox")
          .select(["id", "subject", "text_body"])
          .where("user_id", "=", userId)
          .where("status", "=", "pending")
          .where("delivery", "=", "daily")
          .orderBy("id")
          .execute();
        const count = items.length;
        const digest = await trx
          .insertInto("email_outbox")
          .values({
            user_id: userId,
            notification_id: null,
            kind: "digest",
            delivery: "immediate",
            subject: `[${siteName}] Your daily digest: ${count} ${count === 1 ? "update" : "updates"}`,
            text_body: items.map((item) => item.text_body).join("\n\n* * *\n\n"),
            status: "pending",
            next_attempt_at: now,
            digest_id: null,
            created_at: now,
            sent_at: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("email_outbox")
          .set({ status: "sent", digest_id: digest.id, sent_at: now })
          .where("id", "in", items.map((item) => item.id))
          .execute();
      }
      return due.length;
    });
}

/**
 * Sends every immediate email that is due. A failure is retried later with a
 * growing delay; after MAX_ATTEMPTS the email is marked failed. Each email is
 * leased (its next attempt pushed back) before sending, so a crash mid-send
 * retries it rather than losing it.
 */
export async function deliverDueEmails(transport: MailTransport, now = Date.now(), batch = 50) {
  const db = getDb();
  const due = await db
    .selectFrom("email_outbox")
    .innerJoin("users", "users.id", "email_outbox.user_id")
    .select([
      "email_outbox.id",
      "email_outbox.user_id as userId",
      "email_outbox.kind",
      "email_outbox.subject",
      "email_outbox.text_body as text",
      "email_outbox.attempts",
      "users.email",
    ])
    .where("email_outbox.status", "=", "pending")
    .where("email_outbox.delivery", "=", "immediate")
    .where("email_outbox.next_attempt_at", "<=", now)
    .orderBy("email_outbox.next_attempt_at")
    .limit(batch)
    .execute();
  const result = { sent: 0, retried: 0, failed: 0 };
  const { siteName } = due.length > 0 ? await getSiteSettings() : defaultSiteSettings;
  for (const email of due) {
    const attempts = email.attempts + 1;
    const retryAt = nextAttemptAt(attempts, now);
    await db.updateTable("email_outbox").set({ attempts, next_attempt_at: retryAt }).where("id", "=", email.id).execute();
    const scope: UnsubscribeScope = email.kind === "digest" ? "all" : email.kind;
    const mail: Mail = {
      userId: email.userId,
      siteName,
      to: email.email,
      subject: email.subject,
      ...(await withFooter(email.userId, scope, email.text, siteName)),
    };
    try {
      await transport.send(mail);
      await db.updateTable("email_outbox").set({ status: "sent", sent_at: Date.now(), last_error: null }).where("id", "=", email.id).execute();
      result.sent += 1;
    } catch (error) {
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable("email_outbox")
        .set({ status: gaveUp ? "failed" : "pending", last_error: String((error as Error)?.message ?? error).slice(0, 500) })
        .where("id", "=", email.id)
        .execute();
      if (gaveUp) result.failed += 1;
      else result.retried += 1;
    }
  }
  return result;
}
