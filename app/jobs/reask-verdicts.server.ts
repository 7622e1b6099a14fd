import { getDb } from "~db/client.server";
import { config } from "~/config.server";
import { notify } from "~/models/notification.server";
import { withStatus } from "~/models/content.server";
import { threadPageChanges } from "~/models/page-tags.server";
import { every, type Job } from "./job.server";

const DAY = 86_400_000;

/** The re-ask rounds, in days after shipping: the two settings, in order, a second not above the first left out. */
export function reaskRounds(): number[] {
  const { VERDICT_REASK_FIRST_DAYS: first, VERDICT_REASK_SECOND_DAYS: second } = config();
  return second > first ? [first, second] : [first];
}

/**
 * Asks each measure's owner for their verdict again once the idea has been
 * shipped for a round's days (notification and email, through the outbox).
 * A measure moves to the next round by a conditional update on the round it
 * was in: of two processes running this at once, only the one whose update
 * changed the row sends, so nobody is asked twice. Returns how many were asked.
 */
export async function reaskVerdicts(now = Date.now(), batch = 100): Promise<number> {
  const db = getDb();
  const rounds = reaskRounds();
  let asked = 0;
  for (const [index, days] of rounds.entries()) {
    const previous = index === 0 ? 0 : rounds[index - 1]!;
    const due = await db
      .selectFrom("success_measures")
      .innerJoin("threads", "threads.id", "success_measures.thread_id")
      .select(["success_measures.id", "success_measures.thread_id as threadId", "success_measures.user_id as userId"])
      .where("success_measures.asked_after_days", "=", previous)
      .where("success_measures.asked_at", "<=", now - (days - previous) * DAY)
      .where(withStatus("shipped"))
      .orderBy("success_measures.asked_at")
      .limit(batch)
      .execute();
    for (const measure of due) {
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable("success_measures")
          .set({ asked_after_days: days, asked_at: now })
          .where("id", "=", measure.id)
          .where("asked_after_days", "=", previous)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        // A background round must not empty every process's page cache: it names the one page it changes.
        await threadPageChanges(trx, measure.threadId);
        await notify(trx, [measure.userId], { kind: "verdict_request", threadId: measure.threadId, detail: String(days) });
        asked += 1;
      });
    }
  }
  return asked;
}

export const reaskVerdictsJob: Job = {
  name: "reask-verdicts",
  start: () => every("reask-verdicts", config().BACKGROUND_POLL_MS, () => reaskVerdicts()),
};
