import type { ExpressionBuilder, Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, FlagReason, UsersTable } from "~db/schema";
import { can, isStaff, type Actor } from "~/auth/permissions.server";
import { config } from "~/config.server";
import { flagReasonLabels } from "~/utils/flag-reasons";
import { recordAudit } from "./audit.server";
import { loadContent, moderationState, type ContentRef } from "./content.server";
import { hideInTransaction, unhideInTransaction } from "./moderation.server";
import { notify } from "./notification.server";
import { isTrusted } from "./posting-limits.server";
import { Conflict, ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";

/** Flag weight at which content hides itself until staff review it (FLAG_HIDE_THRESHOLD, default 3). */
export function hideThreshold(): number {
  return config().FLAG_HIDE_THRESHOLD;
}

/** A staff member's flag counts twice a member's. */
const STAFF_FLAG_WEIGHT = 2;

/**
 * What a flag counts toward hiding: its weight when its flagger is staff or
 * a trusted member (app/models/posting-limits.server.ts), nothing while the
 * flagger is new, so a handful of fresh accounts can't hide anyone's post.
 * Their flags still reach the queue, and count once their flagger is trusted.
 */
const countingWeight = (eb: ExpressionBuilder<Database & { flagger: UsersTable }, "flags" | "flagger">) =>
  eb
    .case()
    .when(eb.or([eb("flagger.role", "!=", "member"), eb("flagger.trust_level", ">", 0)]))
    .then(eb.ref("flags.weight"))
    .else(0)
    .end();

const targetColumn = (ref: ContentRef) => (ref.type === "thread" ? "thread_id" : "post_id");

async function threadIdOf(trx: Transaction<Database>, ref: ContentRef): Promise<number> {
  if (ref.type === "thread") return ref.id;
  const post = await trx.selectFrom("posts").select("thread_id").where("id", "=", ref.id).executeTakeFirstOrThrow();
  return post.thread_id;
}

/**
 * A member flags a thread or reply. When the pending flags' weight (see
 * countingWeight) reaches the threshold the content hides itself and its
 * author is told why; a staff member's post never hides itself.
 */
export async function flagContent(
  actor: Actor,
  ref: ContentRef,
  input: { reason: FlagReason; note: string },
): Promise<{ hidden: boolean }> {
  ensure(actor, SignInRequired, "Sign in to flag posts.");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const content = await loadContent(trx, ref, { forUpdate: true });
      ensure(can.see(actor, content) && can.see(actor, content.thread), NotFound, "We couldn't find that post.");
      ensure(actor.id !== content.author_id, Forbidden, "You can't flag your own post; edit or ask staff instead.");
      ensure(can.flag(actor, content), Forbidden, "You can't flag this right now.");
      const inserted = await trx
        .insertInto("flags")
        .values({
          thread_id: ref.type === "thread" ? ref.id : null,
          post_id: ref.type === "post" ? ref.id : null,
          user_id: actor.id,
          reason: input.reason,
          note: input.note.trim(),
          weight: isStaff(actor) ? STAFF_FLAG_WEIGHT : 1,
          resolved_by: null,
          resolved_at: null,
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      ensure(Number(inserted.numInsertedOrUpdatedRows) === 1, Conflict, "You have already flagged this.");
      await isTrusted(trx, actor); // a flagger who qualifies by now is promoted, and their flags count
      // Staff's own posts never hide themselves: flags on them wait in the queue for another staff member.
      const author = await trx.selectFrom("users").select("role").where("id", "=", content.author_id).executeTakeFirstOrThrow();
      if (author.role !== "member") return { hidden: false };

      const pending = await trx
        .selectFrom("flags")
        .innerJoin("users as flagger", "flagger.id", "flags.user_id")
        .select((eb) => [eb.fn.sum<number>(countingWeight(eb)).as("weight"), "flags.reason"])
        .where(`flags.${targetColumn(ref)}`, "=", ref.id)
        .where("flags.status", "=", "pending")
        .groupBy("flags.reason")
        .orderBy("weight", "desc")
        .execute();
      const total = pending.reduce((sum, row) => sum + Number(row.weight), 0);
      if (total < hideThreshold()) return { hidden: false };
      const top = pending[0]?.reason ?? input.reason;
      const reason = `flagged by the community as ${flagReasonLabels[top].toLowerCase()}`;
      await hideInTransaction(trx, ref, reason);
      await recordAudit(trx, { actorId: null, action: `${ref.type}.auto_hide`, targetType: ref.type, targetId: ref.id, reason });
      await notify(trx, [content.author_id], {
        kind: "content_hidden",
        threadId: await threadIdOf(trx, ref),
        postId: ref.type === "post" ? ref.id : null,
        detail: reason,
      });
      return { hidden: true };
    });
}

export type FlagDecision = "agree" | "disagree" | "dismiss";

/**
 * Staff decide on a flagged post: agree hides it, disagree restores it,
 * dismiss closes the flags and leaves the post as it is.
 */
export async function resolveFlags(actor: Actor, ref: ContentRef, decision: FlagDecision): Promise<void> {
  ensure(actor && can.moderate(actor), Forbidden, "Only staff can review flags.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const content = await loadContent(trx, ref, { forUpdate: true });
      const status = { agree: "agreed", disagree: "disagreed", dismiss: "dismissed" } as const;
      const result = await trx
        .updateTable("flags")
        .set({ status: status[decision], resolved_by: actor.id, resolved_at: Date.now() })
        .where(targetColumn(ref), "=", ref.id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      ensure(Number(result.numUpdatedRows) > 0, Conflict, "There are no open flags on this post.");
      if (decision === "agree" && content.hidden_at === null) {
        await hideInTransaction(trx, ref, "hidden by staff after flags");
      }
      if (decision === "disagree" && content.hidden_at !== null) await unhideInTransaction(trx, ref);
      await recordAudit(trx, { actorId: actor.id, action: `flag.${decision}`, targetType: ref.type, targetId: ref.id });
    });
}

/**
 * When the author edits hidden content, its flags go back to the queue so
 * staff review the new version.
 */
export async function reopenForReview(trx: Transaction<Database>, ref: ContentRef): Promise<void> {
  await trx
    .updateTable("flags")
    .set({ status: "pending", resolved_by: null, resolved_at: null })
    .where(targetColumn(ref), "=", ref.id)
    .where("status", "=", "agreed")
    .execute();
}

/** The review queue: one entry per flagged post with its open flags, oldest first. */
export async function listFlagQueue(actor: Actor) {
  ensure(actor && can.moderate(actor), Forbidden, "Only staff can review flags.");
  const db = getDb();
  const flags = await db
    .selectFrom("flags")
    .innerJoin("users as flagger", "flagger.id", "flags.user_id")
    .leftJoin("posts", "posts.id", "flags.post_id")
    .leftJoin("threads", (join) =>
      join.on((eb) => eb.or([eb("threads.id", "=", eb.ref("flags.thread_id")), eb("threads.id", "=", eb.ref("posts.thread_id"))])),
    )
    .leftJoin("users as author", (join) => join.on((eb) => eb("author.id", "=", eb.fn.coalesce("posts.author_id", "threads.author_id"))))
    .select([
      "flags.id",
      "flags.thread_id as flaggedThreadId",
      "flags.post_id as flaggedPostId",
      "flags.reason",
      "flags.note",
      (eb) => countingWeight(eb).as("weight"),
      "flags.created_at as createdAt",
      "flagger.username as flaggerUsername",
      "threads.id as threadId",
      "threads.title as threadTitle",
      "threads.body_html as threadBodyHtml",
      moderationState("threads").as("threadState"),
      "threads.edited_at as threadEditedAt",
      "posts.body_html as postBodyHtml",
      moderationState("posts").as("postState"),
      "posts.edited_at as postEditedAt",
      "author.username as authorUsername",
    ])
    .where("flags.status", "=", "pending")
    .orderBy("flags.id")
    .limit(500)
    .execute();

  const entries = new Map<
    string,
    {
      ref: ContentRef;
      threadId: number | null;
      threadTitle: string;
      /** The post as it appears on the site: its stored, sanitized HTML. */
      bodyHtml: string;
      authorUsername: string;
      /** Out of public view now: staff see what the flags are about whatever its state. */
      hidden: boolean;
      deleted: boolean;
      editedAfterFlag: boolean;
      weight: number;
      /** counts: whether the flag counts toward hiding (see countingWeight). */
      flags: { id: number; reason: FlagReason; note: string; flaggerUsername: string; createdAt: number; counts: boolean }[];
    }
  >();
  for (const flag of flags) {
    const ref: ContentRef = flag.flaggedPostId
      ? { type: "post", id: flag.flaggedPostId }
      : { type: "thread", id: flag.flaggedThreadId ?? 0 };
    const key = `${ref.type}:${ref.id}`;
    const isPost = ref.type === "post";
    const editedAt = isPost ? flag.postEditedAt : flag.threadEditedAt;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        ref,
        threadId: flag.threadId,
        threadTitle: flag.threadTitle ?? "",
        bodyHtml: (isPost ? flag.postBodyHtml : flag.threadBodyHtml) ?? "",
        authorUsername: flag.authorUsername ?? "",
        hidden: (isPost ? flag.postState : flag.threadState) === "hidden",
        deleted: (isPost ? flag.postState : flag.threadState) === "deleted",
        editedAfterFlag: false,
        weight: 0,
        flags: [],
      };
      entries.set(key, entry);
    }
    entry.weight += Number(flag.weight);
    if (editedAt !== null && editedAt > flag.createdAt) entry.editedAfterFlag = true;
    entry.flags.push({
      id: flag.id,
      reason: flag.reason,
      note: flag.note,
      flaggerUsername: flag.flaggerUsername,
      createdAt: flag.createdAt,
      counts: Number(flag.weight) > 0,
    });
  }
  return [...entries.values()];
}

/** How many posts wait in the review queue (each counted once, however many flags it has). */
export async function countFlagQueue(actor: Actor): Promise<number> {
  ensure(actor && can.moderate(actor), Forbidden, "Only staff can review flags.");
  const row = await getDb()
    .selectFrom("flags")
    // A post and a thread never share a key: threads count as negative numbers.
    .select((eb) =>
      eb.fn
        .count<number>(eb.fn.coalesce("post_id", eb.neg("thread_id")))
        .distinct()
        .as("n"),
    )
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
