import { getDb } from "~db/client.server";
import type { Verdict } from "~db/schema";
import { forUpdate } from "~db/engine.server";
import { can, isStaff, type Actor } from "~/auth/permissions.server";
import { followAutomatically } from "./subscription.server";
import { notMerged, publicContent, requireThread, visibleTo, withStatus } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid, SignInRequired } from "./errors.server";

/**
 * A member writes (or rewrites, until the idea ships) how they will judge
 * the idea a success. Writing one follows the idea's status changes.
 */
export async function saveSuccessMeasure(actor: Actor, threadId: number, measure: string): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea", Invalid, "Only ideas take success measures.");
      ensure(actor, SignInRequired, "Sign in to say how you'll judge this idea.");
      ensure(
        can.writeSuccessMeasure(actor, thread),
        Forbidden,
        thread.status === "shipped"
          ? "This idea has shipped: measures can no longer change. Give your verdict instead."
          : "You can't write a success measure on this idea.",
      );
      const now = Date.now();
      await trx
        .insertInto("success_measures")
        .values({
          thread_id: threadId,
          user_id: actor.id,
          measure,
          verdict: null,
          verdict_comment: null,
          verdict_at: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doUpdateSet({ measure, updated_at: now }))
        .execute();
      await followAutomatically(trx, threadId, actor.id, "status");
    });
}

/**
 * After the idea ships, the member who wrote a measure says whether it was
 * met: at ship, and again at each re-ask (app/jobs/reask-verdicts.server.ts).
 * Each round keeps its own verdict in success_verdicts (the latest one of a
 * round counts); the measure carries the latest of all.
 */
export async function giveVerdict(actor: Actor, threadId: number, input: { verdict: Verdict; comment: string }): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(actor, SignInRequired, "Sign in to give your verdict.");
      ensure(thread.kind === "idea" && thread.status === "shipped", Conflict, "Verdicts open once the idea has shipped.");
      ensure(can.giveVerdict(actor, thread), Forbidden, "You can't give a verdict right now.");
      const measure = await trx
        .selectFrom("success_measures")
        .select(["id", "asked_after_days"])
        .where("thread_id", "=", threadId)
        .where("user_id", "=", actor.id)
        .$call(forUpdate)
        .executeTakeFirst();
      ensure(measure, Forbidden, "Only members who wrote a success measure before it shipped can give a verdict.");
      const now = Date.now();
      const comment = input.comment.trim() || null;
      await trx
        .updateTable("success_measures")
        .set({ verdict: input.verdict, verdict_comment: comment, verdict_at: now })
        .where("id", "=", measure.id)
        .execute();
      await trx
        .insertInto("success_verdicts")
        .values({ measure_id: measure.id, after_days: measure.asked_after_days, verdict: input.verdict, comment, created_at: now })
        .onConflict((oc) => oc.columns(["measure_id", "after_days"]).doUpdateSet({ verdict: input.verdict, comment, created_at: now }))
        .execute();
    });
}

/**
 * Every measure on an idea with its scope, its verdicts over time and its
 * follow-up, for the thread page. Staff's check before shipping and its
 * answer are for staff and the measure's owner only.
 */
export async function listSuccessMeasures(threadId: number, viewer: Actor = null) {
  const db = getDb();
  const rows = await db
    .selectFrom("success_measures")
    .innerJoin("users", "users.id", "success_measures.user_id")
    .leftJoin("threads as follow_up", (join) =>
      join.onRef("follow_up.id", "=", "success_measures.follow_up_id").on(visibleTo(viewer, "follow_up")),
    )
    .select([
      "success_measures.id",
      "success_measures.user_id as userId",
      "success_measures.measure",
      "success_measures.verdict",
      "success_measures.verdict_comment as verdictComment",
      "success_measures.verdict_at as verdictAt",
      "success_measures.scope",
      "success_measures.scope_reason as scopeReason",
      "success_measures.check_request as checkRequest",
      "success_measures.check_answer as checkAnswer",
      "success_measures.check_comment as checkComment",
      "success_measures.asked_after_days as askedAfterDays",
      "follow_up.id as followUpId",
      "follow_up.title as followUpTitle",
      "users.username",
      "users.display_name as displayName",
    ])
    .where("success_measures.thread_id", "=", threadId)
    .orderBy("success_measures.id")
    .execute();
  const history = await verdictHistory(rows.map((r) => r.id));
  return rows.map(({ checkRequest, checkAnswer, checkComment, ...row }) => {
    const mayReadCheck = isStaff(viewer) || viewer?.id === row.userId;
    return {
      ...row,
      check: mayReadCheck && checkRequest !== null ? { request: checkRequest, answer: checkAnswer, comment: checkComment } : null,
      history: history.get(row.id) ?? [],
    };
  });
}

/** The verdicts given on some measures, by measure, in the order of their rounds. */
export async function verdictHistory(measureIds: number[]) {
  const byMeasure = new Map<number, { afterDays: number; verdict: Verdict; comment: string | null; createdAt: number }[]>();
  if (measureIds.length === 0) return byMeasure;
  const rows = await getDb()
    .selectFrom("success_verdicts")
    .select(["measure_id as measureId", "after_days as afterDays", "verdict", "comment", "created_at as createdAt"])
    .where("measure_id", "in", measureIds)
    .orderBy("measure_id")
    .orderBy("after_days")
    .execute();
  for (const { measureId, ...verdict } of rows) byMeasure.set(measureId, [...(byMeasure.get(measureId) ?? []), verdict]);
  return byMeasure;
}

export type VerdictTally = { met: number; partly: number; notMet: number; outstanding: number };

/** Whole-number percentages of the verdicts given so far (outstanding ones are counted apart). */
export function verdictShares(tally: VerdictTally) {
  const given = tally.met + tally.partly + tally.notMet;
  const share = (n: number) => (given === 0 ? 0 : Math.round((100 * n) / given));
  return { given, met: share(tally.met), partly: share(tally.partly), notMet: share(tally.notMet) };
}

function tallyOf(measures: { verdict: Verdict | null }[]): VerdictTally {
  const tally: VerdictTally = { met: 0, partly: 0, notMet: 0, outstanding: 0 };
  for (const m of measures) {
    if (m.verdict === "met") tally.met += 1;
    else if (m.verdict === "partly") tally.partly += 1;
    else if (m.verdict === "not_met") tally.notMet += 1;
    else tally.outstanding += 1;
  }
  return tally;
}

/**
 * Staff's view of how customers judge what shipped: per shipped idea, the
 * share of verdicts met / partly / not met, the verdicts still outstanding,
 * and every measure with its verdict; plus how many measures wait on ideas
 * that have not shipped yet. Figures about ideas everyone may see, merged
 * ones left out, like every figure the forum shows.
 */
export async function getSuccessDashboard(actor: Actor, limit = 50) {
  ensure(can.readSuccessDashboard(actor), Forbidden, "Only staff can see the success dashboard.");
  const db = getDb();
  const ideas = await db
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.status_changed_at as shippedAt",
      "threads.co_designed_at as coDesignedAt",
      "products.name as productName",
    ])
    .where(withStatus("shipped"))
    .where(publicContent())
    .where((eb) => eb.exists(eb.selectFrom("success_measures").select("id").whereRef("success_measures.thread_id", "=", "threads.id")))
    .orderBy("threads.status_changed_at", "desc")
    .orderBy("threads.id", "desc")
    .limit(limit)
    .execute();
  const measures = ideas.length
    ? await db
        .selectFrom("success_measures")
        .innerJoin("users", "users.id", "success_measures.user_id")
        .select([
          "success_measures.id",
          "success_measures.thread_id as threadId",
          "success_measures.measure",
          "success_measures.verdict",
          "success_measures.verdict_comment as verdictComment",
          "users.username",
          "users.display_name as displayName",
        ])
        .where(
          "success_measures.thread_id",
          "in",
          ideas.map((idea) => idea.id),
        )
        .orderBy("success_measures.id")
        .execute()
    : [];
  const waiting = await db
    .selectFrom("success_measures")
    .innerJoin("threads", "threads.id", "success_measures.thread_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("threads.status", "!=", "shipped")
    .where(notMerged())
    .where(publicContent())
    .executeTakeFirstOrThrow();

  const rows = ideas.map((idea) => {
    const own = measures.filter((m) => m.threadId === idea.id);
    const tally = tallyOf(own);
    return { ...idea, shippedAt: idea.shippedAt ?? 0, measures: own, tally, shares: verdictShares(tally) };
  });
  const overall = tallyOf(measures);
  return { ideas: rows, overall, overallShares: verdictShares(overall), waitingOnUnshipped: Number(waiting.n) };
}
