import { getDb } from "~db/client.server";
import { expressionBuilder, type Transaction } from "kysely";
import type { Database, Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recognizeIssue, trackerNames } from "~/utils/issue-links";
import { formatTargetRelease, parseTargetRelease, TARGET_HINT } from "~/utils/target-release";
import { recordAudit } from "./audit.server";
import { requireThread } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

/**
 * When staff expect an idea (its target release) and where engineers work on
 * it (issue links). A target or a link is staff-only unless staff make it
 * public; what each viewer gets is decided here (can.readStaffPlans), so a
 * staff-only target never reaches a member's page data.
 */

/** The target release everyone may see (null when there is none, or it is staff only): what public surfaces select. */
export function publicTargetRelease() {
  const eb = expressionBuilder<Database, "threads">();
  return eb.case().when("threads.target_public", "=", 1).then(eb.ref("threads.target_release")).else(null).end();
}

export const MAX_ISSUE_LINKS = 20;
const MAX_URL = 2000;
const MAX_REASON = 500;

export type TargetInput = { target: string; isPublic: boolean; reason: string };

/** The idea to plan, locked for the transaction, once the actor may plan it. */
async function lockIdeaToPlan(trx: Transaction<Database>, actor: Actor, threadId: number) {
  const thread = await requireThread(threadId, trx, { forUpdate: true });
  ensure(thread.kind === "idea", NotFound, "That thread is not an idea.");
  ensure(actor && can.planIdea(actor, thread), Forbidden, "Only staff can plan an idea's release and link its issues.");
  return { thread, planner: actor };
}

/**
 * Sets, changes or (with an empty target) clears an idea's target release.
 * A target is for planned or in-progress ideas. Moving or withdrawing a
 * public target needs a reason, and every change of the public target goes
 * on the idea's timeline with it.
 */
export async function setTargetRelease(actor: Actor, threadId: number, input: TargetInput): Promise<void> {
  const typed = input.target.trim();
  const target = typed ? parseTargetRelease(typed) : null;
  ensure(!typed || target, Invalid, "target", `That is not a target we understand. ${TARGET_HINT}`);
  const reason = input.reason.trim();
  ensure(reason.length <= MAX_REASON, Invalid, "reason", `Keep the reason under ${MAX_REASON} characters.`);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const { thread, planner } = await lockIdeaToPlan(trx, actor, threadId);
      ensure(
        !target || thread.status === "planned" || thread.status === "in_progress",
        Conflict,
        "target",
        "Only planned or in-progress ideas take a target release.",
      );
      const isPublic = target !== null && input.isPublic;
      ensure(
        target !== thread.target_release || isPublic !== (thread.target_public === 1),
        Conflict,
        "target",
        target ? "The idea already has this target." : "The idea has no target to clear.",
      );
      const publicBefore = thread.target_public === 1 ? thread.target_release : null;
      const publicAfter = isPublic ? target : null;
      ensure(
        !publicBefore || publicBefore === publicAfter || reason,
        Invalid,
        "reason",
        "Say why the public target changes: customers see the reason on the idea's timeline.",
      );
      const now = Date.now();
      await trx
        .updateTable("threads")
        .set({ target_release: target, target_public: isPublic ? 1 : 0 })
        .where("id", "=", threadId)
        .execute();
      if (publicBefore !== publicAfter) {
        await trx
          .insertInto("target_changes")
          .values({ thread_id: threadId, from_target: publicBefore, to_target: publicAfter, reason, actor_id: planner.id, created_at: now })
          .execute();
      }
      const shown = (value: string | null, open: boolean) =>
        value ? `${formatTargetRelease(value)}${open ? "" : " (staff only)"}` : "none";
      await recordAudit(trx, {
        actorId: planner.id,
        action: "idea.target",
        targetType: "thread",
        targetId: threadId,
        reason,
        detail: `${shown(thread.target_release, thread.target_public === 1)} → ${shown(target, isPublic)}`,
      });
    });
}

/** Links an idea to an issue in the engineers' tracker, recognized by its URL's shape. */
export async function addIssueLink(actor: Actor, threadId: number, input: { url: string; isPublic: boolean }): Promise<void> {
  ensure(input.url.trim().length <= MAX_URL, Invalid, "url", `Keep the address under ${MAX_URL} characters.`);
  const issue = recognizeIssue(input.url);
  ensure(issue, Invalid, "url", "Give the issue's full address, starting with https://.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const { planner } = await lockIdeaToPlan(trx, actor, threadId);
      const { n } = await trx
        .selectFrom("issue_links")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("thread_id", "=", threadId)
        .executeTakeFirstOrThrow();
      ensure(Number(n) < MAX_ISSUE_LINKS, Conflict, "url", `An idea links at most ${MAX_ISSUE_LINKS} issues.`);
      const inserted = await trx
        .insertInto("issue_links")
        .values({
          thread_id: threadId,
          url: issue.url,
          tracker: issue.tracker,
          issue_key: issue.key,
          is_public: input.isPublic ? 1 : 0,
          created_by: planner.id,
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.columns(["thread_id", "url"]).doNothing())
        .executeTakeFirst();
      ensure(Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1, Conflict, "url", "That issue is already linked to this idea.");
      await recordAudit(trx, {
        actorId: planner.id,
        action: "idea.link_issue",
        targetType: "thread",
        targetId: threadId,
        detail: `${trackerNames[issue.tracker]} ${issue.key}${input.isPublic ? " (public)" : ""}`,
      });
    });
}

/** Removes an issue link, or shows it to everyone / staff only. */
export async function changeIssueLink(
  actor: Actor,
  threadId: number,
  linkId: number,
  change: "remove" | "public" | "staff",
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const { planner } = await lockIdeaToPlan(trx, actor, threadId);
      const link = await trx
        .selectFrom("issue_links")
        .select(["id", "tracker", "issue_key"])
        .where("id", "=", linkId)
        .where("thread_id", "=", threadId)
        .executeTakeFirst();
      ensure(link, NotFound, "That issue is not linked to this idea.");
      if (change === "remove") await trx.deleteFrom("issue_links").where("id", "=", linkId).execute();
      else
        await trx
          .updateTable("issue_links")
          .set({ is_public: change === "public" ? 1 : 0 })
          .where("id", "=", linkId)
          .execute();
      await recordAudit(trx, {
        actorId: planner.id,
        action: change === "remove" ? "idea.unlink_issue" : "idea.issue_visibility",
        targetType: "thread",
        targetId: threadId,
        detail: `${trackerNames[link.tracker]} ${link.issue_key}${change === "remove" ? "" : ` → ${change === "public" ? "public" : "staff only"}`}`,
      });
    });
}

export type TargetView = { value: string; label: string; isPublic: boolean };
export type IssueLinkView = { id: number; url: string; tracker: string; key: string; isPublic: boolean };

/** An idea's target and issue links as `viewer` may see them: staff everything, everyone else what staff made public. */
export async function getIdeaPlan(
  viewer: Actor,
  thread: { id: number; target_release: string | null; target_public: number },
  db: Db = getDb(),
) {
  const staff = can.readStaffPlans(viewer);
  const [links, targetChanges] = await Promise.all([
    db
      .selectFrom("issue_links")
      .select(["id", "url", "tracker", "issue_key as key", "is_public as isPublic"])
      .where("thread_id", "=", thread.id)
      .$if(!staff, (q) => q.where("is_public", "=", 1))
      .orderBy("id")
      .execute(),
    listTargetChanges(thread.id, db),
  ]);
  const target: TargetView | null =
    thread.target_release && (staff || thread.target_public === 1)
      ? { value: thread.target_release, label: formatTargetRelease(thread.target_release), isPublic: thread.target_public === 1 }
      : null;
  return {
    target,
    links: links.map((link) => ({ ...link, tracker: trackerNames[link.tracker], isPublic: link.isPublic === 1 })),
    targetChanges,
  };
}

/** The public target's changes, oldest first: entries of the idea's timeline. */
async function listTargetChanges(threadId: number, db: Db) {
  const rows = await db
    .selectFrom("target_changes")
    .innerJoin("users", "users.id", "target_changes.actor_id")
    .select([
      "target_changes.id",
      "target_changes.from_target as from",
      "target_changes.to_target as to",
      "target_changes.reason",
      "target_changes.created_at as createdAt",
      "users.username as actorUsername",
      "users.display_name as actorDisplayName",
    ])
    .where("target_changes.thread_id", "=", threadId)
    .orderBy("target_changes.id")
    .execute();
  return rows.map((row) => ({
    ...row,
    from: row.from ? formatTargetRelease(row.from) : null,
    to: row.to ? formatTargetRelease(row.to) : null,
  }));
}

/** An idea's plan by id, for its page (see getIdeaPlan). */
export async function ideaPlanOf(viewer: Actor, threadId: number, db: Db = getDb()) {
  const thread = await db
    .selectFrom("threads")
    .select(["id", "target_release", "target_public"])
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  return getIdeaPlan(viewer, thread, db);
}

/** The plan page's data: the idea, then its target and links as the viewer may see them. */
export async function loadIdeaPlan(viewer: Actor, threadId: number) {
  const thread = await requireThread(threadId);
  ensure(thread.kind === "idea" && can.see(viewer, thread), NotFound, "We couldn't find that idea.");
  return { status: thread.status ?? "open", ...(await getIdeaPlan(viewer, thread)) };
}
