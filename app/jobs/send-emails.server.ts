import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { configuredTransport, type Mail, type MailTransport } from "~/email/transport.server";
import { createUnsubscribeToken, type UnsubscribeScope } from "~/email/unsubscribe-token.server";
import { getSiteSettings } from "~/models/site-settings.server";
import { defaultSiteSettings } from "~/utils/site-settings";
import { siteUrl } from "~/http/site-url.server";
import { every, type Job } from "./job.server";
import { retryEach } from "./retry.server";

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
 * Sends every immediate email that is due, account emails first, with the retry loop every job
 * that sends something out shares (app/jobs/retry.server.ts): a failure is
 * retried later with a growing delay, and marked failed after the last try.
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
      "email_outbox.to_address as toAddress",
    ])
    .where("email_outbox.status", "=", "pending")
    .where("email_outbox.delivery", "=", "immediate")
    .where("email_outbox.next_attempt_at", "<=", now)
    // A verification or reset link is someone waiting at a form: it goes out ahead of notifications.
    .orderBy(sql`case when email_outbox.kind = 'account' then 0 else 1 end`)
    .orderBy("email_outbox.next_attempt_at")
    .limit(batch)
    .execute();
  const { siteName } = due.length > 0 ? await getSiteSettings() : defaultSiteSettings;
  const { done, retry, failed } = await retryEach("email_outbox", due, now, {
    attempt: async (email) => {
      const mail: Mail = {
        userId: email.userId,
        siteName,
        to: email.toAddress ?? email.email,
        subject: email.subject,
        // An account email (a verification or reset link) is not something to unsubscribe from.
        ...(email.kind === "account"
          ? { text: email.text, headers: {} }
          : await withFooter(email.userId, email.kind === "digest" ? "all" : email.kind, email.text, siteName)),
      };
      try {
        await transport.send(mail);
        return { error: null };
      } catch (error) {
        return { error: String((error as Error)?.message ?? error).slice(0, 500) };
      }
    },
    record: (email, { error }, outcome) =>
      db
        .updateTable("email_outbox")
        .set(
          outcome === "done"
            ? { status: "sent", sent_at: Date.now(), last_error: null }
            : { status: outcome === "failed" ? "failed" : "pending", last_error: error },
        )
        .where("id", "=", email.id)
        .execute(),
  });
  return { sent: done, retried: retry, failed };
}

export const sendEmailsJob: Job = {
  name: "send-emails",
  start: () => {
    const transport = configuredTransport();
    const stop = every("send-emails", config().BACKGROUND_POLL_MS, () => deliverDueEmails(transport));
    return async () => {
      await stop();
      transport.close?.();
    };
  },
};
