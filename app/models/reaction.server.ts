import { sql, type ExpressionBuilder, type Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { parentFacts, replyFacts, threadFacts, threadOf, type ContentRef } from "./content.server";
import { ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";
import { notify } from "./notification.server";

/**
 * Likes: a member likes a thread's opening post or a reply, once, and may
 * take it back. Counts are computed from the rows (one grouped query per
 * page), so two likes at once can't leave a count wrong. Liking twice, or
 * taking back a like that is not there, changes nothing: a button pressed
 * twice (no JavaScript, a slow network) is not an error.
 */

/** The post liked: its author and facts, and its thread's. */
async function likeable(trx: Transaction<Database>, ref: ContentRef) {
  const row =
    ref.type === "thread"
      ? await trx
          .selectFrom("threads")
          .select(["threads.id as threadId", ...threadFacts, ...parentFacts])
          .where("threads.id", "=", ref.id)
          .executeTakeFirst()
      : await trx
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select(["posts.thread_id as threadId", ...replyFacts, ...parentFacts])
          .where("posts.id", "=", ref.id)
          .executeTakeFirst();
  ensure(row, NotFound, ref.type === "thread" ? "We couldn't find that thread." : "We couldn't find that reply.");
  const { thread, rest } = threadOf(row);
  return { ...rest, thread, postId: ref.type === "post" ? ref.id : null };
}

async function likeChecked(actor: Actor, trx: Transaction<Database>, ref: ContentRef) {
  ensure(actor, SignInRequired, "Sign in to like posts.");
  const post = await likeable(trx, ref);
  ensure(can.see(actor, post) && can.see(actor, post.thread), NotFound, "We couldn't find that post.");
  ensure(actor.id !== post.author_id, Forbidden, "You can't like your own post.");
  ensure(can.like(actor, post, post.thread), Forbidden, "You can't like posts right now.");
  return { ...post, actorId: actor.id };
}

/** The rows about this post: its post_id, or none for a thread's opening post. */
const aboutPost = (postId: number | null) => (eb: ExpressionBuilder<Database, "reactions" | "notifications">) =>
  postId === null ? eb("post_id", "is", null) : eb("post_id", "=", postId);

export async function like(actor: Actor, ref: ContentRef): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const post = await likeChecked(actor, trx, ref);
      const inserted = await trx
        .insertInto("reactions")
        .values({ thread_id: post.threadId, post_id: post.postId, user_id: post.actorId, created_at: Date.now() })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      // Liking, taking it back and liking again tells the author once, until they have read it.
      const told = await trx
        .selectFrom("notifications")
        .select("id")
        .where("user_id", "=", post.author_id)
        .where("kind", "=", "like")
        .where("actor_id", "=", post.actorId)
        .where("thread_id", "=", post.threadId)
        .where(aboutPost(post.postId))
        .where("read_at", "is", null)
        .executeTakeFirst();
      if (told) return;
      await notify(trx, [post.author_id], {
        kind: "like",
        threadId: post.threadId,
        postId: post.postId,
        actorId: post.actorId,
        detail: post.postId === null ? "post" : "reply",
      });
    });
}

export async function unlike(actor: Actor, ref: ContentRef): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const post = await likeChecked(actor, trx, ref);
      await trx
        .deleteFrom("reactions")
        .where("thread_id", "=", post.threadId)
        .where(aboutPost(post.postId))
        .where("user_id", "=", post.actorId)
        .execute();
    });
}

export type Likes = { count: number; mine: boolean };

/**
 * The likes on a thread's opening post and on the given replies of it, for
 * one viewer: one grouped query. Key "thread" is the opening post.
 */
export async function likesOnPage(viewer: Actor, threadId: number, postIds: number[]): Promise<Map<number | "thread", Likes>> {
  const rows = await getDb()
    .selectFrom("reactions")
    .select([
      "post_id as postId",
      (eb) => eb.fn.countAll<number>().as("n"),
      sql<number>`max(case when ${sql.ref("user_id")} = ${viewer?.id ?? 0} then 1 else 0 end)`.as("mine"),
    ])
    .where("thread_id", "=", threadId)
    .where((eb) => (postIds.length > 0 ? eb.or([eb("post_id", "is", null), eb("post_id", "in", postIds)]) : eb("post_id", "is", null)))
    .groupBy("post_id")
    .execute();
  return new Map(rows.map((row) => [row.postId ?? "thread", { count: Number(row.n), mine: Number(row.mine) === 1 }]));
}
