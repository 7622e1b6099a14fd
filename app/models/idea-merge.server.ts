import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import { can, isStaff, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { renderNote } from "./post-text.server";
import { findIdeasByTitle, type IdeaTitleMatch } from "./search.server";
import { notMerged, publicContent, requireThread, shownStatus, stateOf } from "./content.server";
import { queueWebhookEvent } from "./webhook.server";
import { Conflict, ensure, Forbidden, Invalid } from "./errors.server";

/** Merging a duplicate idea into the one to keep, and finding the one to keep. */

/**
 * Staff merge a duplicate idea into another: votes are united (a member who
 * voted for both counts once), the duplicate's followers and success
 * measures move over, and the duplicate closes with a link to its target.
 * The reason is public on both timelines; the kept idea quotes the
 * duplicate's opening text as a use case credited to its author, who is
 * notified.
 * The target must be another visible idea that was not itself merged; each
 * refusal names the "targetId" field, checked inside the transaction.
 */
export async function mergeIdea(actor: Actor, sourceId: number, targetId: number, reason = ""): Promise<void> {
  const note = reason.trim();
  const noteHtml = note ? renderNote(note, "reason") : "";
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // Both ideas locked, lower id first (so two merges never wait on each other in a circle): A into B
      // and B into A at once take turns, and the second finds its target merged.
      await forUpdate(trx.selectFrom("threads").select("id").where("id", "in", [sourceId, targetId]).orderBy("id")).execute();
      const source = await requireThread(sourceId, trx);
      ensure(source.kind === "idea", Invalid, "Only ideas can be merged.");
      // Staff meet this from a page opened before someone else merged the idea.
      ensure(source.merged_into_id === null || !isStaff(actor), Conflict, "targetId", "This idea was already merged meanwhile.");
      ensure(actor && can.mergeIdea(actor, source), Forbidden, "Only staff can merge ideas.");
      ensure(sourceId !== targetId, Invalid, "targetId", "An idea can't be merged into itself; choose another idea.");
      const target = await trx.selectFrom("threads").selectAll().where("id", "=", targetId).executeTakeFirst();
      ensure(target, Invalid, "targetId", `There is no idea #${targetId}; choose one from the list.`);
      ensure(stateOf(target) !== "deleted", Invalid, "targetId", "That idea was deleted; choose another.");
      ensure(stateOf(target) !== "hidden", Invalid, "targetId", "That idea is hidden; unhide it or choose another.");
      ensure(target.kind === "idea", Invalid, "targetId", "An idea can only be merged into another idea.");
      ensure(target.merged_into_id === null, Conflict, "targetId", "That idea was itself merged; merge into the idea it went to.");

      const now = Date.now();
      // Only while neither idea changed since it was read: two merges at once never chain or cross.
      const closed = await trx
        .updateTable("threads")
        .set({ merged_into_id: targetId, vote_count: 0, status_changed_at: now })
        .where("id", "=", sourceId)
        .where("merged_into_id", "is", null)
        .executeTakeFirst();
      ensure(Number(closed.numUpdatedRows) === 1, Conflict, "This idea was already merged.");
      await trx
        .insertInto("votes")
        .columns(["thread_id", "user_id", "created_at"])
        .expression((eb) =>
          eb
            .selectFrom("votes")
            .select([eb.val(targetId).as("thread_id"), "user_id", "created_at"])
            .where("thread_id", "=", sourceId),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx.deleteFrom("votes").where("thread_id", "=", sourceId).execute();
      await trx
        .insertInto("subscriptions")
        .columns(["thread_id", "user_id", "level", "created_at"])
        .expression((eb) =>
          eb
            .selectFrom("subscriptions")
            .select([eb.val(targetId).as("thread_id"), "user_id", "level", "created_at"])
            .where("thread_id", "=", sourceId)
            .where("level", "!=", "muted"),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .updateTable("success_measures")
        .set({ thread_id: targetId })
        .where("thread_id", "=", sourceId)
        .where("user_id", "not in", (eb) => eb.selectFrom("success_measures").select("user_id").where("thread_id", "=", targetId))
        .execute();

      const opened = await trx
        .updateTable("threads")
        .set((eb) => ({
          vote_count: eb
            .selectFrom("votes")
            .select((v) => v.fn.countAll<number>().as("n"))
            .where("thread_id", "=", targetId),
          last_activity_at: now,
        }))
        .where("id", "=", targetId)
        .where(notMerged())
        .where(publicContent())
        .executeTakeFirst();
      ensure(Number(opened.numUpdatedRows) === 1, Conflict, "targetId", "That idea changed meanwhile; choose again.");
      await trx
        .insertInto("status_changes")
        .values({
          thread_id: sourceId,
          from_status: source.status,
          to_status: "merged",
          actor_id: actor.id,
          merged_into_id: targetId,
          note,
          note_html: noteHtml,
          created_at: now,
        })
        .execute();
      // The kept idea's timeline says what was merged into it and why; its page quotes the duplicate's opening text.
      await trx
        .insertInto("idea_events")
        .values({
          thread_id: targetId,
          kind: "merged_in",
          actor_id: actor.id,
          user_id: source.author_id,
          source_thread_id: sourceId,
          note,
          created_at: now,
        })
        .execute();
      await notify(trx, [source.author_id], { kind: "idea_merged", threadId: targetId, actorId: actor.id, excerpt: note || undefined });
      await recordAudit(trx, {
        actorId: actor.id,
        action: "idea.merge",
        targetType: "thread",
        targetId: sourceId,
        detail: `into #${targetId} ${target.title}`,
        reason: note,
      });
      await queueWebhookEvent(trx, "idea.status_changed", sourceId, { from: source.status, to: "merged", mergedIntoId: targetId });
    });
}

export type MergeSearch = { q: string; scope: "product" | "all" };

/**
 * The ideas staff may merge an idea into: those whose titles match what they
 * typed ("#12" or "12" finds idea 12 too), or, before they type, those with
 * titles like this one's. In the idea's product, or in every product.
 */
export async function findMergeTargets(actor: Actor, sourceId: number, search: MergeSearch) {
  const source = await requireThread(sourceId);
  ensure(source.kind === "idea" && actor && can.mergeIdea(actor, source), Forbidden, "Only staff can merge ideas.");
  const options = { productId: search.scope === "product" ? source.product_id : null, excludeId: sourceId };
  const typed = search.q !== "";
  const [byTitle, byNumber] = await Promise.all([
    findIdeasByTitle(typed ? search.q : source.title, { ...options, similar: !typed }),
    ideaByNumber(search.q, sourceId),
  ]);
  const ideas = byNumber ? [byNumber, ...byTitle.filter((idea) => idea.id !== byNumber.id)] : byTitle;
  return { ideas, suggested: !typed };
}

/** "#12" or "12": idea 12 when it can take a merge, in any product. */
async function ideaByNumber(q: string, sourceId: number): Promise<IdeaTitleMatch | null> {
  const number = /^#?([1-9]\d{0,15})$/.exec(q)?.[1];
  if (!number || Number(number) === sourceId) return null;
  const idea = await getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select(["threads.id", "threads.title", shownStatus().as("status"), "threads.vote_count as voteCount", "products.name as productName"])
    .where("threads.id", "=", Number(number))
    .where("threads.kind", "=", "idea")
    .where(publicContent())
    .where(notMerged())
    .executeTakeFirst();
  return idea ?? null;
}
