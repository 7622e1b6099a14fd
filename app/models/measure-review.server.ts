import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import type { CheckAnswer, MeasureScope } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { requireThread } from "./content.server";
import { scopeLabels } from "~/utils/verdicts";
import { Conflict, ensure, Forbidden, Invalid, NotFound, SignInRequired } from "./errors.server";

/**
 * Staff and a measure's owner before the idea ships: when the idea is
 * planned, staff say how much of each measure this release covers; while
 * it is in progress, staff ask each owner whether the design would meet
 * their measure, and the owner answers.
 */

export type ScopeInput = { measureId: number; scope: MeasureScope; reason: string };

/** Staff scope one measure for the planned release, with a public reason its owner is notified of. */
export async function scopeMeasure(actor: Actor, threadId: number, input: ScopeInput): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea", Invalid, "Only ideas have success measures.");
      ensure(actor && can.scopeMeasures(actor, thread), Forbidden, "Only staff scope measures, while the idea is planned.");
      const reason = input.reason.trim();
      ensure(reason.length > 0, Invalid, "reason", "Say why, in a sentence its owner will read.");
      const measure = await trx
        .selectFrom("success_measures")
        .select(["id", "user_id"])
        .where("id", "=", input.measureId)
        .where("thread_id", "=", threadId)
        .$call(forUpdate)
        .executeTakeFirst();
      ensure(measure, NotFound, "That measure isn't on this idea.");
      await trx
        .updateTable("success_measures")
        .set({ scope: input.scope, scope_reason: reason, scoped_at: Date.now() })
        .where("id", "=", measure.id)
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "measure.scope",
        targetType: "thread",
        targetId: threadId,
        reason,
        detail: `measure #${measure.id}: ${scopeLabels[input.scope]}`,
      });
      await notify(trx, [measure.user_id], {
        kind: "measure_update",
        threadId,
        actorId: actor.id,
        detail: `marked your measure ${scopeLabels[input.scope].toLowerCase()}`,
        excerpt: reason,
      });
    });
}

/**
 * While the idea is in progress, staff ask every measure's owner "would this
 * meet your measure?" with a short description or a link to the design.
 * Asking again replaces the question and clears the answers.
 */
export async function askMeasureCheck(actor: Actor, threadId: number, request: string): Promise<number> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "idea", Invalid, "Only ideas have success measures.");
      ensure(actor && can.askMeasureCheck(actor, thread), Forbidden, "Only staff ask, while the idea is in progress.");
      const text = request.trim();
      ensure(text.length > 0, Invalid, "request", "Describe the design or link to it.");
      const owners = await trx.selectFrom("success_measures").select("user_id").where("thread_id", "=", threadId).execute();
      ensure(owners.length > 0, Conflict, "request", "No one has written a measure on this idea yet.");
      await trx
        .updateTable("success_measures")
        .set({ check_request: text, check_asked_at: Date.now(), check_answer: null, check_comment: null, check_answered_at: null })
        .where("thread_id", "=", threadId)
        .execute();
      await recordAudit(trx, { actorId: actor.id, action: "measure.check", targetType: "thread", targetId: threadId, detail: text });
      await notify(
        trx,
        owners.map((o) => o.user_id),
        { kind: "measure_update", threadId, actorId: actor.id, detail: "asks whether the design would meet your measure", excerpt: text },
      );
      return owners.length;
    });
}

/** The measure's owner answers staff's check: yes, partly or no, with an optional comment. */
export async function answerMeasureCheck(actor: Actor, threadId: number, input: { answer: CheckAnswer; comment: string }): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      ensure(actor, SignInRequired, "Sign in to answer.");
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea" && thread.status === "in_progress", Conflict, "The check is open while the idea is in progress.");
      const measure = actor
        ? await trx
            .selectFrom("success_measures")
            .select(["id", "user_id", "check_asked_at"])
            .where("thread_id", "=", threadId)
            .where("user_id", "=", actor.id)
            .executeTakeFirst()
        : undefined;
      ensure(measure && can.answerMeasureCheck(actor, measure), Forbidden, "Only a measure's owner answers, once staff ask.");
      await trx
        .updateTable("success_measures")
        .set({ check_answer: input.answer, check_comment: input.comment.trim() || null, check_answered_at: Date.now() })
        .where("id", "=", measure.id)
        .execute();
    });
}
