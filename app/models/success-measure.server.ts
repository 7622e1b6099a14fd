import { getDb } from "~db/client.server";
import type { Verdict } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { followAutomatically } from "./subscription.server";
import { notMerged, publicContent, requireThread, withStatus } from "./content.server";
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

/** After the idea ships, the member who wrote a measure says whether it was met. */
export async function giveVerdict(actor: Actor, threadId: number, input: { verdict: Verdict; comment: string }): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(actor, SignInRequired, "Sign in to give your verdict.");
      ensure(thread.kind === "idea" && thread.status === "shipped", Conflict, "Verdicts open once the idea has shipped.");
      ensure(can.giveVerdict(actor, thread), Forbidden, "You can't give a verdict right now.");
      const result = await trx
        .updateTable("success_measures")
        .set({ verdict: input.verdict, verdict_comment: input.comment.trim() || null, verdict_at: Date.now() })
        .where("thread_id", "=", threadId)
        .where("user_id", "=", actor.id)
        .executeTakeFirst();
      ensure(
        Number(result.numUpdatedRows) === 1,
        Forbidden,
        "Only members who wrote a success measure before it shipped can give a verdict.",
      );
    });
}

/** Every measure on an idea with its verdict, for the thread page. */
export async function listSuccessMeasures(threadId: number) {
  return getDb()
    .selectFrom("success_measures")
    .innerJoin("users", "users.id", "success_measures.user_id")
    .select([
      "success_measures.id",
      "success_measures.user_id as userId",
      "success_measures.measure",
      "success_measures.verdict",
      "success_measures.verdict_comment as verdictComment",
      "success_measures.verdict_at as verdictAt",
      "users.username",
      "users.display_name as displayName",
    ])
    .where("success_measures.thread_id", "=", threadId)
    .orderBy("success_measures.id")
    .execute();
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
