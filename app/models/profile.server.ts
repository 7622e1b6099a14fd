import { publicAccountNames } from "./account.server";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { moderationState, shownStatus, visibleTo } from "./content.server";
import { ensure, NotFound } from "./errors.server";

const RECENT = 10;

/** A member's accepted answers the viewer may see: the answer and its question. */
function visibleAnswers(viewer: Actor, userId: number) {
  return getDb()
    .selectFrom("threads")
    .innerJoin("posts", "posts.id", "threads.accepted_answer_post_id")
    .where("posts.author_id", "=", userId)
    .where(visibleTo(viewer, "posts"))
    .where(visibleTo(viewer, "threads"));
}

/**
 * A member's public profile: who they are, what they started and answered,
 * and the ideas they are credited with co-designing. Lists and counts hold
 * what the viewer may see (visibleTo): hidden posts for staff and the member
 * themself, marked; deleted ones for staff only.
 */
export async function getProfile(username: string, viewer: Actor) {
  const db = getDb();
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "display_name as displayName", "bio", "role", "created_at as joinedAt", "suspended_until as suspendedUntil"])
    .where("username", "=", username.toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  ensure(user, NotFound, "There is no member with that username.");

  const [threads, replies, answers, credits, counts] = await Promise.all([
    db
      .selectFrom("threads")
      .select([
        "threads.id",
        "threads.title",
        "threads.kind",
        "threads.created_at as createdAt",
        "threads.reply_count as replyCount",
        "threads.vote_count as voteCount",
        moderationState().as("moderation"),
      ])
      .where("threads.author_id", "=", user.id)
      .where(visibleTo(viewer))
      .orderBy("threads.id", "desc")
      .limit(RECENT)
      .execute(),
    db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select([
        "posts.id",
        "posts.created_at as createdAt",
        "threads.id as threadId",
        "threads.title as threadTitle",
        moderationState("posts").as("moderation"),
      ])
      .where("posts.author_id", "=", user.id)
      .where(visibleTo(viewer, "posts"))
      .where(visibleTo(viewer, "threads"))
      .orderBy("posts.id", "desc")
      .limit(RECENT)
      .execute(),
    visibleAnswers(viewer, user.id)
      .select(["threads.id", "threads.title", "posts.id as postId"])
      .orderBy("threads.id", "desc")
      .limit(RECENT)
      .execute(),
    db
      .selectFrom("co_designers")
      .innerJoin("threads", "threads.id", "co_designers.thread_id")
      .select((eb) => [
        "threads.id",
        "threads.title",
        shownStatus().as("status"),
        "co_designers.contribution",
        "co_designers.created_at as creditedAt",
        eb("threads.author_id", "=", user.id).as("proposed"),
      ])
      .where("co_designers.user_id", "=", user.id)
      .where(visibleTo(viewer))
      // The ideas they proposed first, then those they helped shape.
      .orderBy("proposed", "desc")
      .orderBy("co_designers.created_at", "desc")
      .execute(),
    db
      .selectNoFrom((eb) => [
        eb
          .selectFrom("threads")
          .select(eb.fn.countAll<number>().as("n"))
          .where("threads.author_id", "=", user.id)
          .where(visibleTo(viewer))
          .as("threads"),
        eb
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select(eb.fn.countAll<number>().as("n"))
          .where("posts.author_id", "=", user.id)
          .where(visibleTo(viewer, "posts"))
          .where(visibleTo(viewer, "threads"))
          .as("replies"),
        visibleAnswers(viewer, user.id).select(eb.fn.countAll<number>().as("n")).as("answers"),
      ])
      .executeTakeFirstOrThrow(),
  ]);

  const { id, suspendedUntil, ...publicFields } = user;
  // Only a public account's name leaves the accounts table here (never its plan, segment or revenue).
  const accountName = (await publicAccountNames([id])).get(id) ?? null;
  return {
    user: {
      ...publicFields,
      accountName,
      suspended: suspendedUntil !== null && suspendedUntil > Date.now(),
    },
    userId: id,
    canSuspend: can.suspend(viewer, { id, role: user.role }),
    counts: {
      threads: Number(counts.threads ?? 0),
      replies: Number(counts.replies ?? 0),
      answers: Number(counts.answers ?? 0),
      credits: credits.length,
    },
    threads,
    replies,
    answers,
    credits,
  };
}
