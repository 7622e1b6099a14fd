import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { notifyMentions, previouslyMentioned, resolveMentions } from "./mention.server";
import { draftPost } from "./post-text.server";
import { assertWithinPostingLimits } from "./posting-limits.server";
import { reopenForReview } from "./flag.server";
import { keepRevision } from "./revision.server";
import { notify } from "./notification.server";
import { followAutomatically, subscribersOf } from "./subscription.server";
import { requireThread } from "./thread.server";
import { recordAudit } from "./audit.server";
import { ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";

/** Adds a reply and keeps the thread's reply count and last activity in the same transaction. */
export async function createReply(actor: Actor, threadId: number, body: string): Promise<number> {
  ensure(actor, SignInRequired, "Sign in to reply.");
  const draft = draftPost(body);
  return getDb().transaction().execute(async (trx) => {
    const thread = await requireThread(threadId, trx);
    ensure(can.reply(actor, thread), Forbidden, thread.locked ? "This thread is locked: no new replies." : "You can't reply right now.");
    const rendered = await resolveMentions(trx, draft);
    await assertWithinPostingLimits(trx, actor, "reply", rendered.html);
    const now = Date.now();
    const post = await trx
      .insertInto("posts")
      .values({ thread_id: threadId, author_id: actor.id, body, body_html: rendered.html, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("threads")
      .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_activity_at: now }))
      .where("id", "=", threadId)
      .execute();
    const mentioned = await notifyMentions(
      trx,
      { threadId, postId: post.id, authorId: actor.id, hidden: thread.hidden_at !== null },
      rendered,
    );
    const watchers = await subscribersOf(trx, threadId, "reply");
    await notify(
      trx,
      watchers.filter((id) => !mentioned.includes(id)),
      { kind: "reply", threadId, postId: post.id, actorId: actor.id, excerpt: excerpt(body) },
    );
    await followAutomatically(trx, threadId, actor.id, "watching");
    return post.id;
  });
}

function excerpt(markdown: string, length = 280): string {
  const text = markdown.replace(/\s+/g, " ").trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

async function requirePost(postId: number) {
  const post = await getDb()
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.id",
      "posts.thread_id",
      "posts.author_id",
      "posts.body",
      "posts.body_html",
      "posts.hidden_at",
      "posts.deleted_at",
      "threads.title as threadTitle",
      "threads.deleted_at as threadDeletedAt",
    ])
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  // Hidden replies load (their author may edit them for review); deleted ones are gone.
  ensure(post && post.deleted_at === null && post.threadDeletedAt === null, NotFound, "We couldn't find that reply.");
  return post;
}

/** The source text for the edit form; only its author may open it. */
export async function getReplyForEdit(actor: Actor, postId: number) {
  const post = await requirePost(postId);
  ensure(can.editPost(actor, post), Forbidden, "You can only edit your own replies.");
  return { id: post.id, threadId: post.thread_id, threadTitle: post.threadTitle, body: post.body, canRedact: can.redact(actor) };
}

/**
 * Replaces a reply's text; the previous text is kept as a revision. A staff
 * edit marked `redact` hides every earlier version. Returns the thread id.
 */
export async function editReply(actor: Actor, postId: number, body: string, options: { redact?: boolean } = {}): Promise<number> {
  const post = await requirePost(postId);
  ensure(actor && can.editPost(actor, post), Forbidden, "You can only edit your own replies.");
  ensure(!options.redact || can.redact(actor), Forbidden, "Only staff can redact.");
  if (post.body === body) return post.thread_id;
  const draft = draftPost(body);
  await getDb().transaction().execute(async (trx) => {
    const rendered = await resolveMentions(trx, draft);
    await assertWithinPostingLimits(trx, actor, "edit", rendered.html);
    const now = Date.now();
    await keepRevision(trx, actor, { type: "post", id: post.id }, { body: post.body }, { redact: options.redact === true, at: now });
    await trx
      .updateTable("posts")
      .set({ body, body_html: rendered.html, edited_at: now, edited_by: actor.id })
      .where("id", "=", post.id)
      .execute();
    // Only staff may edit someone else's reply: that is moderation, and the audit log keeps it.
    if (actor.id !== post.author_id) {
      await recordAudit(trx, { actorId: actor.id, action: "post.edit", targetType: "post", targetId: post.id });
    }
    await notifyMentions(
      trx,
      { threadId: post.thread_id, postId: post.id, authorId: post.author_id, hidden: post.hidden_at !== null },
      rendered,
      await previouslyMentioned(trx, post.body_html),
    );
    if (post.hidden_at !== null) await reopenForReview(trx, { type: "post", id: post.id });
  });
  return post.thread_id;
}
