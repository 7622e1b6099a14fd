import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { shownStatus } from "./shown-status.server";
import { ensure, NotFound } from "./errors.server";

const RECENT = 10;

/** A member's accepted answers that everyone can see: neither the answer nor its question hidden or deleted. */
function visibleAnswers(userId: number) {
  return getDb()
    .selectFrom("threads")
    .innerJoin("posts", "posts.id", "threads.accepted_answer_post_id")
    .where("posts.author_id", "=", userId)
    .where("posts.hidden_at", "is", null)
    .where("posts.deleted_at", "is", null)
    .where("threads.hidden_at", "is", null)
    .where("threads.deleted_at", "is", null);
}

/**
 * A member's public profile: who they are, what they started and answered,
 * and the ideas they are credited with co-designing. Hidden and deleted
 * posts count and show only for staff.
 */
export async function getProfile(username: string, viewer: Actor) {
  const db = getDb();
  const user = await db
    .selectFrom("users")
    .select([
      "id",
      "username",
      "display_name as displayName",
      "bio",
      "role",
      "created_at as joinedAt",
      "suspended_until as suspendedUntil",
    ])
    .where("username", "=", username.toLowerCase())
    .executeTakeFirst();
  ensure(user, NotFound, "There is no member with that username.");
  const staffView = can.seeHiddenContent(viewer);

  const [threads, replies, answers, credits, counts] = await Promise.all([
    db
      .selectFrom("threads")
      .select(["id", "title", "kind", "status", "created_at as createdAt", "reply_count as replyCount", "vote_count as voteCount"])
      .where("author_id", "=", user.id)
      .$if(!staffView, (q) => q.where("hidden_at", "is", null).where("deleted_at", "is", null))
      .orderBy("id", "desc")
      .limit(RECENT)
      .execute(),
    db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select(["posts.id", "posts.created_at as createdAt", "threads.id as threadId", "threads.title as threadTitle"])
      .where("posts.author_id", "=", user.id)
      .$if(!staffView, (q) =>
        q
          .where("posts.hidden_at", "is", null)
          .where("posts.deleted_at", "is", null)
          .where("threads.hidden_at", "is", null)
          .where("threads.deleted_at", "is", null),
      )
      .orderBy("posts.id", "desc")
      .limit(RECENT)
      .execute(),
    visibleAnswers(user.id)
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
      .where("threads.hidden_at", "is", null)
      .where("threads.deleted_at", "is", null)
      // The ideas they proposed first, then those they helped shape.
      .orderBy("proposed", "desc")
      .orderBy("co_designers.created_at", "desc")
      .execute(),
    db
      .selectNoFrom((eb) => [
        eb
          .selectFrom("threads")
          .select(eb.fn.countAll<number>().as("n"))
          .where("author_id", "=", user.id)
          .where("hidden_at", "is", null)
          .where("deleted_at", "is", null)
          .as("threads"),
        eb
          .selectFrom("posts")
          .select(eb.fn.countAll<number>().as("n"))
          .where("author_id", "=", user.id)
          .where("hidden_at", "is", null)
          .where("deleted_at", "is", null)
          .as("replies"),
        visibleAnswers(user.id)
          .select(eb.fn.countAll<number>().as("n"))
          .as("answers"),
      ])
      .executeTakeFirstOrThrow(),
  ]);

  const { id, suspendedUntil, ...publicFields } = user;
  return {
    user: {
      ...publicFields,
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
