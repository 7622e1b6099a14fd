import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse } from "~/utils/http";
import { requireThread } from "./thread.server";

/**
 * Staff accept an idea as co-designed: the thread is tagged and its author
 * is credited as the first co-designer, in one transaction.
 */
export async function acceptIdea(actor: Actor, threadId: number): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(thread.kind === "idea", "Only ideas can be accepted as co-designed.", { status: 400 });
    invariantResponse(actor && can.acceptIdea(actor, thread), "Only staff can accept an idea as co-designed.", {
      status: 403,
    });
    invariantResponse(thread.co_designed_at === null, "This idea is already co-designed.", { status: 409 });
    const now = Date.now();
    await trx
      .updateTable("threads")
      .set({ co_designed_at: now, co_designed_by: actor.id })
      .where("id", "=", threadId)
      .execute();
    await trx
      .insertInto("co_designers")
      .values({
        thread_id: threadId,
        user_id: thread.author_id,
        contribution: "Proposed the idea",
        credited_by: actor.id,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
}
