import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { followAutomatically } from "./subscription.server";
import { forgetOnBehalf } from "./on-behalf.server";
import { requireThread } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid } from "./errors.server";
import { threadActivityChanges } from "./page-tags.server";

/** One vote per member per idea; the idea's vote count changes in the same transaction. */
export async function vote(actor: Actor, threadId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea", Invalid, "Only ideas take votes.");
      ensure(actor && can.vote(actor, thread), Forbidden, "You can't vote right now.");
      const inserted = await trx
        .insertInto("votes")
        .values({ thread_id: threadId, user_id: actor.id, created_at: Date.now() })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      ensure(Number(inserted.numInsertedOrUpdatedRows) === 1, Conflict, "You have already voted for this idea.");
      await trx
        .updateTable("threads")
        .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
        .where("id", "=", threadId)
        .execute();
      await followAutomatically(trx, threadId, actor.id, "status");
      await threadActivityChanges(trx, thread);
    });
}

export async function unvote(actor: Actor, threadId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea", Invalid, "Only ideas take votes.");
      ensure(actor && can.vote(actor, thread), Forbidden, "You can't vote right now.");
      const deleted = await trx.deleteFrom("votes").where("thread_id", "=", threadId).where("user_id", "=", actor.id).executeTakeFirst();
      ensure(Number(deleted.numDeletedRows) === 1, Conflict, "You haven't voted for this idea.");
      await trx
        .updateTable("threads")
        .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
        .where("id", "=", threadId)
        .execute();
      await threadActivityChanges(trx, thread);
      // A vote staff recorded on this person's behalf goes back with what they said then.
      await forgetOnBehalf(trx, threadId, actor.id);
    });
}
