import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { createThread } from "./thread.server";
import { requireThread } from "./content.server";
import { Conflict, ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";
import { verdictLabels } from "~/utils/verdicts";

/**
 * A "not met" or "partly" verdict offers its owner a follow-up idea in one
 * click: a new idea in the same product, proposed by them (so credited as
 * its proposer), quoting their measure and verdict and linked to the
 * original both ways. One follow-up per measure: a second click, or a
 * second tab, is refused.
 */
export async function openFollowUp(actor: Actor, threadId: number): Promise<number> {
  ensure(actor, SignInRequired, "Sign in to open a follow-up.");
  const original = await requireThread(threadId);
  const measure = actor
    ? await getDb()
        .selectFrom("success_measures")
        .select(["id", "user_id", "measure", "verdict", "verdict_comment", "follow_up_id"])
        .where("thread_id", "=", threadId)
        .where("user_id", "=", actor.id)
        .executeTakeFirst()
    : undefined;
  ensure(measure, NotFound, "You have no measure on this idea.");
  ensure(measure.follow_up_id === null, Conflict, "You already opened a follow-up to this idea.");
  ensure(actor && can.openFollowUp(actor, measure), Forbidden, "A follow-up opens from a “not met” or “partly” verdict.");
  const quote = (text: string) => text.split("\n").map((line) => `> ${line}`);
  const body = [
    `A follow-up to #${original.id}, “${original.title}”, which shipped but ${verdictLabels[measure.verdict!].toLowerCase()} my measure of success:`,
    "",
    ...quote(measure.measure),
    ...(measure.verdict_comment ? ["", "What was missing:", "", ...quote(measure.verdict_comment)] : []),
  ].join("\n");
  const followUpId = await createThread(
    actor,
    {
      productId: original.product_id,
      kind: "idea",
      title: `Follow-up: ${original.title}`.slice(0, 200),
      body,
    },
    async (trx, newId) => {
      await trx.updateTable("threads").set({ follow_up_of_id: threadId }).where("id", "=", newId).execute();
      // Only while no follow-up was opened meanwhile (a second tab): otherwise the whole new idea rolls back.
      const claimed = await trx
        .updateTable("success_measures")
        .set({ follow_up_id: newId })
        .where("id", "=", measure.id)
        .where("follow_up_id", "is", null)
        .executeTakeFirst();
      ensure(Number(claimed.numUpdatedRows) === 1, Conflict, "You already opened a follow-up to this idea.");
    },
  );
  return followUpId;
}
