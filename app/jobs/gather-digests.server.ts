import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { getSiteSettings } from "~/models/site-settings.server";
import { defaultSiteSettings } from "~/utils/site-settings";
import { every, type Job } from "./job.server";

export function digestIntervalMs(): number {
  return config().DIGEST_INTERVAL_HOURS * 3_600_000;
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
        const { numUpdatedRows } = await trx
          .updateTable("email_outbox")
          .set({ status: "sent", digest_id: digest.id, sent_at: now })
          .where(
            "id",
            "in",
            items.map((item) => item.id),
          )
          .where("status", "=", "pending")
          .executeTakeFirst();
        // Only one process gathers (its lease), but should two ever overlap, the later one's digest is rolled back.
        if (numUpdatedRows !== BigInt(count)) throw new Error("Another process gathered these emails into a digest first.");
      }
      return due.length;
    });
}

export const gatherDigestsJob: Job = {
  name: "gather-digests",
  start: () => every("gather-digests", config().BACKGROUND_POLL_MS, () => gatherDigests(), { exclusive: true }),
};
