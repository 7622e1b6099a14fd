import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse } from "~/utils/http";
import { followAutomatically } from "./subscription.server";
import { requireThread } from "./content.server";

/** One vote per member per idea; the idea's vote count changes in the same transaction. */
export async function vote(actor: Actor, threadId: number): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(thread.kind === "idea", "Only ideas take votes.", { status: 400 });
    invariantResponse(actor && can.vote(actor, thread), "You can't vote right now.", { status: 403 });
    const inserted = await trx
      .insertInto("votes")
      .values({ thread_id: threadId, user_id: actor.id, created_at: Date.now() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    invariantResponse(Number(inserted.numInsertedOrUpdatedRows) === 1, "You have already voted for this idea.", {
      status: 409,
    });
    await trx
      .updateTable("threads")
      .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
      .where("id", "=", threadId)
      .execute();
    await followAutomatically(trx, threadId, actor.id, "status");
  });
}

export async function unvote(actor: Actor, threadId: number): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(thread.kind === "idea", "Only ideas take votes.", { status: 400 });
    invariantResponse(actor && can.vote(actor, thread), "You can't vote right now.", { status: 403 });
    const deleted = await trx
      .deleteFrom("votes")
      .where("thread_id", "=", threadId)
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    invariantResponse(Number(deleted.numDeletedRows) === 1, "You haven't voted for this idea.", { status: 409 });
    await trx
      .updateTable("threads")
      .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
      .where("id", "=", threadId)
      .execute();
  });
}
