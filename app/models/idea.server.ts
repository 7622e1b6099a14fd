import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse, refuseField } from "~/utils/http";
import { isReviewed } from "~/utils/idea-status";
import { getTimeline } from "./idea-status.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { findIdeasByTitle, type IdeaTitleMatch } from "./search.server";
import { shownStatus } from "./shown-status.server";
import { listStaffNotes } from "./staff-note.server";
import { getSubscriptionLevel } from "./subscription.server";
import { listSuccessMeasures } from "./success-measure.server";
import { requireThread } from "./thread.server";
import { queueWebhookEvent } from "./webhook.server";

export type Credit = { userId: number; contribution: string };

/** People who took part in a thread: its author and everyone who replied. */
export async function listParticipants(threadId: number, db: Transaction<Database> | ReturnType<typeof getDb> = getDb()) {
  return db
    .selectFrom("users")
    .select(["users.id", "users.username", "users.display_name as displayName"])
    .where((eb) =>
      eb.or([
        eb("users.id", "in", eb.selectFrom("threads").select("author_id").where("id", "=", threadId)),
        eb(
          "users.id",
          "in",
          eb.selectFrom("posts").select("author_id").where("thread_id", "=", threadId).where("hidden_at", "is", null),
        ),
      ]),
    )
    .orderBy("users.username")
    .execute();
}

async function usernameOf(trx: Transaction<Database>, userId: number): Promise<string> {
  const user = await trx.selectFrom("users").select("username").where("id", "=", userId).executeTakeFirstOrThrow();
  return user.username;
}

async function insertCredits(
  trx: Transaction<Database>,
  actorId: number,
  threadId: number,
  credits: Credit[],
  now = Date.now(),
) {
  if (credits.length === 0) return;
  const participants = new Set((await listParticipants(threadId, trx)).map((p) => p.id));
  for (const credit of credits) {
    invariantResponse(participants.has(credit.userId), "Only people who took part in the thread can be credited.", {
      status: 400,
    });
  }
  const inserted: number[] = [];
  for (const credit of credits) {
    const result = await trx
      .insertInto("co_designers")
      .values({
        thread_id: threadId,
        user_id: credit.userId,
        contribution: credit.contribution,
        credited_by: actorId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doUpdateSet({ contribution: credit.contribution }))
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows) > 0) inserted.push(credit.userId);
    await recordAudit(trx, {
      actorId,
      action: "idea.credit",
      targetType: "thread",
      targetId: threadId,
      detail: `@${await usernameOf(trx, credit.userId)}: ${credit.contribution}`,
    });
  }
  await notify(trx, inserted, { kind: "co_designer_credit", threadId, actorId });
}

/**
 * Staff accept a reviewed idea as co-designed: the thread is tagged, its
 * author is credited for proposing it, and any other participants staff
 * chose are credited with their contribution, all in one transaction.
 */
export async function acceptIdea(actor: Actor, threadId: number, credits: Credit[] = []): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(thread.kind === "idea", "Only ideas can be accepted as co-designed.", { status: 400 });
    invariantResponse(actor && can.acceptIdea(actor, thread), "Only staff can accept an idea as co-designed.", {
      status: 403,
    });
    invariantResponse(thread.co_designed_at === null, "This idea is already co-designed.", { status: 409 });
    invariantResponse(
      isReviewed(thread.status),
      "Move the idea to “Under review” (or later) before accepting it as co-designed.",
      { status: 409 },
    );
    const now = Date.now();
    await trx
      .updateTable("threads")
      .set({ co_designed_at: now, co_designed_by: actor.id })
      .where("id", "=", threadId)
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: "idea.accept", targetType: "thread", targetId: threadId });
    const others = credits.filter((c) => c.userId !== thread.author_id);
    const author = credits.find((c) => c.userId === thread.author_id);
    await insertCredits(trx, actor.id, threadId, [
      { userId: thread.author_id, contribution: author?.contribution || "Proposed the idea" },
      ...others,
    ], now);
    const credited = await trx
      .selectFrom("co_designers")
      .innerJoin("users", "users.id", "co_designers.user_id")
      .select(["users.username", "co_designers.contribution"])
      .where("co_designers.thread_id", "=", threadId)
      .execute();
    await queueWebhookEvent(trx, "idea.co_designed", threadId, { coDesigners: credited });
  });
}

/** Staff credit one more participant of a co-designed idea, or change their contribution note. */
export async function creditCoDesigner(actor: Actor, threadId: number, credit: Credit): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(actor && can.creditCoDesigners(actor, thread), "Only staff can credit co-designers.", {
      status: 403,
    });
    invariantResponse(thread.co_designed_at !== null, "Accept the idea as co-designed first.", { status: 409 });
    await insertCredits(trx, actor.id, threadId, [credit]);
  });
}

export async function removeCoDesigner(actor: Actor, threadId: number, userId: number): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    invariantResponse(actor && can.creditCoDesigners(actor, thread), "Only staff can change co-designer credits.", {
      status: 403,
    });
    const result = await trx
      .deleteFrom("co_designers")
      .where("thread_id", "=", threadId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    invariantResponse(Number(result.numDeletedRows) === 1, "That person isn't credited on this idea.", {
      status: 404,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "idea.uncredit",
      targetType: "thread",
      targetId: threadId,
      detail: `@${await usernameOf(trx, userId)}`,
    });
  });
}

/**
 * Staff merge a duplicate idea into another: votes are united (a member who
 * voted for both counts once), the duplicate's followers and success
 * measures move over, and the duplicate closes with a link to its target.
 * The target must be another visible idea that was not itself merged; each
 * refusal names the "targetId" field, checked inside the transaction.
 */
export async function mergeIdea(actor: Actor, sourceId: number, targetId: number): Promise<void> {
  await getDb().transaction().execute(async (trx) => {
    const source = await requireThread(sourceId, trx);
    invariantResponse(source.kind === "idea", "Only ideas can be merged.", { status: 400 });
    invariantResponse(actor && can.mergeIdea(actor, source), "Only staff can merge ideas.", { status: 403 });
    refuseField(sourceId !== targetId, "targetId", "An idea can't be merged into itself; choose another idea.", 400);
    const target = await trx.selectFrom("threads").selectAll().where("id", "=", targetId).executeTakeFirst();
    refuseField(target, "targetId", `There is no idea #${targetId}; choose one from the list.`, 400);
    refuseField(target.deleted_at === null, "targetId", "That idea was deleted; choose another.", 400);
    refuseField(target.hidden_at === null, "targetId", "That idea is hidden; unhide it or choose another.", 400);
    refuseField(target.kind === "idea", "targetId", "An idea can only be merged into another idea.", 400);
    refuseField(
      target.merged_into_id === null,
      "targetId",
      "That idea was itself merged; merge into the idea it went to.",
      409,
    );

    const now = Date.now();
    // Only while neither idea changed since it was read: two merges at once never chain or cross.
    const closed = await trx
      .updateTable("threads")
      .set({ merged_into_id: targetId, vote_count: 0, status_changed_at: now })
      .where("id", "=", sourceId)
      .where("merged_into_id", "is", null)
      .executeTakeFirst();
    invariantResponse(Number(closed.numUpdatedRows) === 1, "This idea was already merged.", { status: 409 });
    await trx
      .insertInto("votes")
      .columns(["thread_id", "user_id", "created_at"])
      .expression((eb) =>
        eb.selectFrom("votes").select([eb.val(targetId).as("thread_id"), "user_id", "created_at"]).where("thread_id", "=", sourceId),
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
        vote_count: eb.selectFrom("votes").select((v) => v.fn.countAll<number>().as("n")).where("thread_id", "=", targetId),
        last_activity_at: now,
      }))
      .where("id", "=", targetId)
      .where("merged_into_id", "is", null)
      .where("hidden_at", "is", null)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    refuseField(Number(opened.numUpdatedRows) === 1, "targetId", "That idea changed meanwhile; choose again.", 409);
    await trx
      .insertInto("status_changes")
      .values({
        thread_id: sourceId,
        from_status: source.status,
        to_status: "merged",
        actor_id: actor.id,
        merged_into_id: targetId,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "idea.merge",
      targetType: "thread",
      targetId: sourceId,
      detail: `into #${targetId} ${target.title}`,
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
  invariantResponse(source.kind === "idea" && actor && can.mergeIdea(actor, source), "Only staff can merge ideas.", { status: 403 });
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
    .where("threads.hidden_at", "is", null)
    .where("threads.deleted_at", "is", null)
    .where("threads.merged_into_id", "is", null)
    .executeTakeFirst();
  return idea ?? null;
}

/** What an idea's page adds to a thread: timeline, measures, followers' state and, for staff only, notes. */
export async function getIdeaDetails(viewer: Actor, threadId: number) {
  const [timeline, measures, staffNotes, subscription, mergedInto] = await Promise.all([
    getTimeline(threadId),
    listSuccessMeasures(threadId),
    can.readStaffNotes(viewer) ? listStaffNotes(viewer, threadId) : Promise.resolve(null),
    viewer ? getSubscriptionLevel(viewer.id, threadId) : Promise.resolve(null),
    getDb()
      .selectFrom("threads as source")
      .innerJoin("threads as target", "target.id", "source.merged_into_id")
      .select(["target.id", "target.title"])
      .where("source.id", "=", threadId)
      .executeTakeFirst(),
  ]);
  const own = viewer ? measures.find((m) => m.userId === viewer.id) ?? null : null;
  return { timeline, measures, ownMeasure: own, staffNotes, subscription, mergedInto: mergedInto ?? null };
}

/**
 * The few facts an idea's sub-pages show, or a 404 when the thread is not an
 * idea, or is hidden and the viewer is neither staff nor its author.
 */
export async function getIdeaSummary(threadId: number, viewer: Actor) {
  const thread = await requireThread(threadId);
  invariantResponse(thread.kind === "idea", "That thread is not an idea.", { status: 404 });
  invariantResponse(
    thread.hidden_at === null || can.seeHiddenContent(viewer) || viewer?.id === thread.author_id,
    "We couldn't find that thread.",
    { status: 404 },
  );
  const product = await getDb().selectFrom("products").select("name").where("id", "=", thread.product_id).executeTakeFirstOrThrow();
  return {
    id: thread.id,
    title: thread.title,
    productName: product.name,
    status: thread.status ?? "open",
    coDesigned: thread.co_designed_at !== null,
    mergedIntoId: thread.merged_into_id,
  };
}

export async function listCredits(threadId: number) {
  return getDb()
    .selectFrom("co_designers")
    .innerJoin("users", "users.id", "co_designers.user_id")
    .select([
      "co_designers.user_id as userId",
      "co_designers.contribution",
      "users.username",
      "users.display_name as displayName",
    ])
    .where("co_designers.thread_id", "=", threadId)
    .orderBy("co_designers.created_at")
    .execute();
}

export type CreditSummary = { threadId: number; username: string; displayName: string | null; contribution: string };

/** The co-designers of many ideas in one query, grouped by idea: what the roadmap and changelog list. */
export async function creditsByThread(threadIds: number[]): Promise<Map<number, CreditSummary[]>> {
  const byThread = new Map<number, CreditSummary[]>();
  if (threadIds.length === 0) return byThread;
  const rows = await getDb()
    .selectFrom("co_designers")
    .innerJoin("users", "users.id", "co_designers.user_id")
    .select([
      "co_designers.thread_id as threadId",
      "users.username",
      "users.display_name as displayName",
      "co_designers.contribution",
    ])
    .where("co_designers.thread_id", "in", threadIds)
    .orderBy("co_designers.created_at")
    .execute();
  for (const row of rows) {
    const list = byThread.get(row.threadId) ?? [];
    list.push(row);
    byThread.set(row.threadId, list);
  }
  return byThread;
}
