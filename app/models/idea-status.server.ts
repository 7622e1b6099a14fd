import { getDb } from "~db/client.server";
import type { IdeaStatus } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { canMove, notedStatuses, noteMissing } from "~/utils/idea-status";
import { statusLabelsNow } from "./status-styles.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { renderNote } from "./post-text.server";
import { subscribersOf } from "./subscription.server";
import { productFollowersOfThread } from "./product-follow.server";
import { notMerged, requireThread, visibleTo } from "./content.server";
import { queueWebhookEvent } from "./webhook.server";
import { Conflict, ensure, Forbidden, Invalid } from "./errors.server";

export type StatusChange = { status: IdeaStatus; note: string };

/**
 * Staff move an idea along its lifecycle with a public note (required
 * when planning, declining or shipping). The timeline entry, the new status, the
 * followers' notifications and, on shipping, the verdict requests to
 * everyone who wrote a success measure are written in one transaction.
 * A change to the status the idea already has (a second tab, a resent form,
 * another staff member first) is refused next to the status field.
 */
export async function setIdeaStatus(actor: Actor, threadId: number, change: StatusChange): Promise<void> {
  const noteHtml = change.note.trim() ? renderNote(change.note.trim(), "note") : "";
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "idea", Invalid, "Only ideas have a status.");
      ensure(actor && can.changeStatus(actor, thread), Forbidden, "Only staff can change an idea's status.");
      const from = thread.status ?? "open";
      const statusLabel = await statusLabelsNow(trx);
      ensure(from !== change.status, Conflict, "status", `This idea is already ${statusLabel(from).toLowerCase()}.`);
      ensure(
        canMove(from, change.status),
        Conflict,
        "status",
        `An idea can't go from ${statusLabel(from).toLowerCase()} to ${statusLabel(change.status).toLowerCase()}.`,
      );
      const note = change.note.trim();
      ensure(!notedStatuses.includes(change.status) || note.length > 0, Invalid, "note", noteMissing(change.status));
      const now = Date.now();
      // Only from the status read above: a change another request made meanwhile is never overwritten or repeated.
      const updated = await trx
        .updateTable("threads")
        .set({ status: change.status, substatus_id: null, status_changed_at: now, last_activity_at: now })
        .where("id", "=", threadId)
        .where((eb) => (thread.status === null ? eb("status", "is", null) : eb("status", "=", thread.status)))
        .where(notMerged())
        .executeTakeFirst();
      ensure(Number(updated.numUpdatedRows) === 1, Conflict, "status", "Someone changed this idea's status meanwhile; reload to see it.");
      await trx
        .insertInto("status_changes")
        .values({
          thread_id: threadId,
          from_status: from,
          to_status: change.status,
          actor_id: actor.id,
          note,
          note_html: noteHtml,
          merged_into_id: null,
          created_at: now,
        })
        .execute();

      await recordAudit(trx, {
        actorId: actor.id,
        action: "idea.status",
        targetType: "thread",
        targetId: threadId,
        reason: note,
        detail: `${statusLabel(from)} → ${statusLabel(change.status)}`,
      });
      await queueWebhookEvent(trx, "idea.status_changed", threadId, { from, to: change.status, note });
      const label = statusLabel(change.status).toLowerCase();
      const productFollowers = await productFollowersOfThread(trx, thread, "status");
      await notify(trx, [...(await subscribersOf(trx, threadId, "status")), ...productFollowers], {
        kind: "status_changed",
        threadId,
        actorId: actor.id,
        detail: label,
        excerpt: note || undefined,
      });
      if (change.status === "shipped") {
        // The verdict asked at ship is round 0; app/jobs/reask-verdicts.server.ts asks again from this time.
        await trx.updateTable("success_measures").set({ asked_at: now, asked_after_days: 0 }).where("thread_id", "=", threadId).execute();
        const measures = await trx
          .selectFrom("success_measures")
          .select("user_id")
          .where("thread_id", "=", threadId)
          .where("verdict", "is", null)
          .execute();
        await notify(
          trx,
          measures.map((m) => m.user_id),
          { kind: "verdict_request", threadId, actorId: actor.id, excerpt: note || undefined },
        );
      }
    });
}

/** The idea's public timeline, oldest first; a merge names the idea it went to when the viewer may see that one. */
export async function getTimeline(threadId: number, viewer: Actor = null) {
  return getDb()
    .selectFrom("status_changes")
    .innerJoin("users", "users.id", "status_changes.actor_id")
    .leftJoin("threads as target", (join) => join.onRef("target.id", "=", "status_changes.merged_into_id").on(visibleTo(viewer, "target")))
    .select([
      "status_changes.id",
      "status_changes.from_status as from",
      "status_changes.to_status as to",
      "status_changes.note_html as noteHtml",
      "status_changes.created_at as createdAt",
      "status_changes.merged_into_id as mergedIntoId",
      "target.title as mergedIntoTitle",
      "users.username as actorUsername",
      "users.display_name as actorDisplayName",
    ])
    .where("status_changes.thread_id", "=", threadId)
    .orderBy("status_changes.id")
    .execute();
}

/** The decisions around an idea's status, for its timeline: accepted as co-designed, each credit, each idea merged into it. */
export async function getIdeaEvents(threadId: number, viewer: Actor = null) {
  const rows = await getDb()
    .selectFrom("idea_events")
    .innerJoin("users as actor", "actor.id", "idea_events.actor_id")
    .leftJoin("users as person", "person.id", "idea_events.user_id")
    .leftJoin("threads as source", (join) => join.onRef("source.id", "=", "idea_events.source_thread_id").on(visibleTo(viewer, "source")))
    .select([
      "idea_events.id",
      "idea_events.kind",
      "idea_events.note",
      "idea_events.created_at as createdAt",
      "source.id as sourceId",
      "source.title as sourceTitle",
      "person.username as personUsername",
      "person.display_name as personDisplayName",
      "actor.username as actorUsername",
      "actor.display_name as actorDisplayName",
    ])
    .where("idea_events.thread_id", "=", threadId)
    .orderBy("idea_events.id")
    .execute();
  return rows;
}
