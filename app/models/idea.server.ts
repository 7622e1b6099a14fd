import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { isReviewed } from "~/utils/idea-status";
import { listCoDesigners } from "./co-designers.server";
import { getIdeaEvents, getTimeline } from "./idea-status.server";
import { ideaPlanOf } from "./idea-plan.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { listStaffNotes } from "./staff-note.server";
import { getSubscriptionLevel } from "./subscription.server";
import { listSuccessMeasures } from "./success-measure.server";
import { mergedIntoId, publicContent, requireThread, visibleTo } from "./content.server";
import { queueWebhookEvent } from "./webhook.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

export type Credit = { userId: number; contribution: string };

/** People who took part in a thread: its author (the proposer, listed first) and everyone whose reply is in public view. */
export async function listParticipants(threadId: number, db: Db = getDb()) {
  const rows = await db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.username",
      "users.display_name as displayName",
      eb("users.id", "in", eb.selectFrom("threads").select("author_id").where("id", "=", threadId)).as("proposer"),
    ])
    .where((eb) =>
      eb.or([
        eb("users.id", "in", eb.selectFrom("threads").select("author_id").where("id", "=", threadId)),
        eb("users.id", "in", eb.selectFrom("posts").select("author_id").where("thread_id", "=", threadId).where(publicContent("posts"))),
      ]),
    )
    .orderBy("proposer", "desc")
    .orderBy("users.username")
    .execute();
  return rows.map((row) => ({ ...row, proposer: Boolean(row.proposer) }));
}

async function usernameOf(trx: Transaction<Database>, userId: number): Promise<string> {
  const user = await trx.selectFrom("users").select("username").where("id", "=", userId).executeTakeFirstOrThrow();
  return user.username;
}

async function insertCredits(trx: Transaction<Database>, actorId: number, threadId: number, credits: Credit[], now = Date.now()) {
  if (credits.length === 0) return;
  const participants = new Set((await listParticipants(threadId, trx)).map((p) => p.id));
  for (const credit of credits) {
    ensure(participants.has(credit.userId), Invalid, "Only people who took part in the thread can be credited.");
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
      // The key decides, not an earlier read: of two staff crediting someone at once, the second waits for the first and is told.
      .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doNothing())
      .executeTakeFirst();
    ensure(
      Number(result.numInsertedOrUpdatedRows) > 0,
      Conflict,
      "userId",
      `@${await usernameOf(trx, credit.userId)} is already credited on this idea.`,
    );
    inserted.push(credit.userId);
    await trx
      .insertInto("idea_events")
      .values({
        thread_id: threadId,
        kind: "credit",
        actor_id: actorId,
        user_id: credit.userId,
        note: credit.contribution,
        created_at: now,
      })
      .execute();
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
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(thread.kind === "idea", Invalid, "Only ideas can be accepted as co-designed.");
      ensure(actor && can.acceptIdea(actor, thread), Forbidden, "Only staff can accept an idea as co-designed.");
      ensure(thread.co_designed_at === null, Conflict, "This idea is already co-designed.");
      ensure(isReviewed(thread.status), Conflict, "Move the idea to “Under review” (or later) before accepting it as co-designed.");
      const now = Date.now();
      await trx.updateTable("threads").set({ co_designed_at: now, co_designed_by: actor.id }).where("id", "=", threadId).execute();
      await trx
        .insertInto("idea_events")
        .values({ thread_id: threadId, kind: "co_designed", actor_id: actor.id, created_at: now })
        .execute();
      await recordAudit(trx, { actorId: actor.id, action: "idea.accept", targetType: "thread", targetId: threadId });
      const others = credits.filter((c) => c.userId !== thread.author_id);
      const author = credits.find((c) => c.userId === thread.author_id);
      await insertCredits(
        trx,
        actor.id,
        threadId,
        [{ userId: thread.author_id, contribution: author?.contribution || "Proposed the idea" }, ...others],
        now,
      );
      const credited = (await listCoDesigners([threadId], trx)).map((c) => ({ username: c.username, contribution: c.contribution }));
      await queueWebhookEvent(trx, "idea.co_designed", threadId, { coDesigners: credited });
    });
}

/** Staff credit one more participant of a co-designed idea; someone already credited is refused (remove the credit to change its note). */
export async function creditCoDesigner(actor: Actor, threadId: number, credit: Credit): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(actor && can.creditCoDesigners(actor, thread), Forbidden, "Only staff can credit co-designers.");
      ensure(thread.co_designed_at !== null, Conflict, "Accept the idea as co-designed first.");
      await insertCredits(trx, actor.id, threadId, [credit]);
    });
}

export async function removeCoDesigner(actor: Actor, threadId: number, userId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(actor && can.creditCoDesigners(actor, thread), Forbidden, "Only staff can change co-designer credits.");
      ensure(userId !== thread.author_id, Conflict, "The idea's author is always credited as its proposer.");
      const result = await trx
        .deleteFrom("co_designers")
        .where("thread_id", "=", threadId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      ensure(Number(result.numDeletedRows) === 1, NotFound, "That person isn't credited on this idea.");
      await recordAudit(trx, {
        actorId: actor.id,
        action: "idea.uncredit",
        targetType: "thread",
        targetId: threadId,
        detail: `@${await usernameOf(trx, userId)}`,
      });
    });
}

/** What an idea's page adds to a thread: timeline, measures, followers' state and, for staff only, notes. */
export async function getIdeaDetails(viewer: Actor, threadId: number) {
  const [timeline, events, measures, staffNotes, subscription, mergedInto, useCases, followUpOf, plan] = await Promise.all([
    getTimeline(threadId, viewer),
    getIdeaEvents(threadId, viewer),
    listSuccessMeasures(threadId, viewer),
    can.readStaffNotes(viewer) ? listStaffNotes(viewer, threadId) : Promise.resolve(null),
    viewer ? getSubscriptionLevel(viewer.id, threadId) : Promise.resolve(null),
    getDb()
      .selectFrom("threads as target")
      .select(["target.id", "target.title"])
      .where("target.id", "=", (eb) => eb.selectFrom("threads").select("merged_into_id").where("id", "=", threadId))
      .where(visibleTo(viewer, "target"))
      .executeTakeFirst(),
    // Merge keeps each requester's use case: the opening text of every idea merged into this one, credited to its author.
    getDb()
      .selectFrom("threads")
      .innerJoin("users", "users.id", "threads.author_id")
      .select(["threads.id", "threads.title", "threads.body_html as bodyHtml", "users.username", "users.display_name as displayName"])
      .where((eb) => eb(mergedIntoId(), "=", threadId))
      .where(visibleTo(viewer))
      .orderBy("threads.id")
      .execute(),
    getDb()
      .selectFrom("threads as original")
      .select(["original.id", "original.title"])
      .where("original.id", "=", (eb) => eb.selectFrom("threads").select("follow_up_of_id").where("id", "=", threadId))
      .where(visibleTo(viewer, "original"))
      .executeTakeFirst(),
    ideaPlanOf(viewer, threadId),
  ]);
  const own = viewer ? (measures.find((m) => m.userId === viewer.id) ?? null) : null;
  return {
    timeline,
    events,
    measures,
    ownMeasure: own,
    staffNotes,
    subscription,
    mergedInto: mergedInto ?? null,
    useCases,
    followUpOf: followUpOf ?? null,
    plan,
  };
}

/**
 * The few facts an idea's sub-pages show, or a 404 when the thread is not an
 * idea, or the viewer may not see it (can.see). A deleted idea takes no
 * action until it is restored: its sub-pages are a 404 for staff too.
 */
export async function getIdeaSummary(threadId: number, viewer: Actor) {
  const thread = await requireThread(threadId);
  ensure(thread.kind === "idea", NotFound, "That thread is not an idea.");
  ensure(can.see(viewer, thread), NotFound, "We couldn't find that thread.");
  const product = await getDb().selectFrom("products").select("name").where("id", "=", thread.product_id).executeTakeFirstOrThrow();
  return {
    id: thread.id,
    title: thread.title,
    productName: product.name,
    status: thread.status ?? "open",
    substatusId: thread.substatus_id,
    coDesigned: thread.co_designed_at !== null,
    mergedIntoId: thread.merged_into_id,
  };
}

/** An idea's credits for the page that manages them, the proposer first. */
export async function listCredits(threadId: number) {
  return (await listCoDesigners([threadId])).map(({ threadId: _threadId, ...credit }) => credit);
}

export type CreditSummary = { threadId: number; username: string; displayName: string | null; contribution: string };

/** The co-designers of many ideas in one query, grouped by idea, the proposer first: what the roadmap and changelog list. */
export async function creditsByThread(threadIds: number[]): Promise<Map<number, CreditSummary[]>> {
  const byThread = new Map<number, CreditSummary[]>();
  for (const { threadId, username, displayName, contribution } of await listCoDesigners(threadIds)) {
    const list = byThread.get(threadId) ?? [];
    list.push({ threadId, username, displayName, contribution });
    byThread.set(threadId, list);
  }
  return byThread;
}
