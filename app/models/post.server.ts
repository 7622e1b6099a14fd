import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import { can, type Actor } from "~/auth/permissions.server";
import { excerpt } from "~/utils/plain-text";
import { notifyMentions, previouslyMentioned, resolveMentions } from "./mention.server";
import { draftPost } from "./post-text.server";
import { discardDraft, draftKeys } from "./draft.server";
import { attachUploads } from "./upload.server";
import { assertWithinPostingLimits } from "./posting-limits.server";
import { reopenForReview } from "./flag.server";
import { keepRevision } from "./revision.server";
import { notify } from "./notification.server";
import { followAutomatically, subscribersOf } from "./subscription.server";
import { requireReply, requireThread, stateOf } from "./content.server";
import { recordAudit } from "./audit.server";
import { ensure, Forbidden, SignInRequired } from "./errors.server";
import { threadActivityChanges } from "./page-tags.server";

/** Adds a reply and keeps the thread's reply count and last activity in the same transaction. */
export async function createReply(actor: Actor, threadId: number, body: string): Promise<number> {
  ensure(actor, SignInRequired, "Sign in to reply.");
  const draft = draftPost(body);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(can.reply(actor, thread), Forbidden, thread.locked ? "This thread is locked: no new replies." : "You can't reply right now.");
      const rendered = await resolveMentions(trx, draft);
      await assertWithinPostingLimits(trx, actor, "reply", rendered.html);
      const now = Date.now();
      const post = await trx
        .insertInto("posts")
        // A reply in a co-design group's discussion is the group's too (content.server.ts).
        .values({ thread_id: threadId, author_id: actor.id, body, body_html: rendered.html, created_at: now, group_id: thread.group_id })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("threads")
        .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_activity_at: now }))
        .where("id", "=", threadId)
        .execute();
      const mentioned = await notifyMentions(
        trx,
        { threadId, postId: post.id, authorId: actor.id, public: can.see(null, thread) },
        rendered,
      );
      const watchers = await subscribersOf(trx, threadId, "reply");
      await notify(
        trx,
        watchers.filter((id) => !mentioned.includes(id)),
        { kind: "reply", threadId, postId: post.id, actorId: actor.id, excerpt: excerpt(rendered.html, 280) },
      );
      await followAutomatically(trx, threadId, actor.id, "watching");
      await threadActivityChanges(trx, thread);
      await discardDraft(actor, draftKeys.reply(threadId), trx);
      await attachUploads(trx, { postId: post.id }, rendered.html);
      return post.id;
    });
}

/** The source text for the edit form; only its author may open it. */
export async function getReplyForEdit(actor: Actor, postId: number) {
  const post = await requireReply(postId);
  ensure(can.editPost(actor, post), Forbidden, "You can only edit your own replies.");
  return { id: post.id, threadId: post.thread_id, threadTitle: post.threadTitle, body: post.body, canRedact: can.redact(actor) };
}

/**
 * Replaces a reply's text; the previous text is kept as a revision. A staff
 * edit marked `redact` hides every earlier version. Returns the thread id.
 */
export async function editReply(actor: Actor, postId: number, body: string, options: { redact?: boolean } = {}): Promise<number> {
  const post = await requireReply(postId);
  ensure(actor && can.editPost(actor, post), Forbidden, "You can only edit your own replies.");
  ensure(!options.redact || can.redact(actor), Forbidden, "Only staff can redact.");
  if (post.body === body) return post.thread_id;
  const draft = draftPost(body);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // The text as it is now, locked: an edit made meanwhile (another tab, another process) is the
      // version this one replaces and keeps, not lost behind the text read before the transaction.
      const current = await forUpdate(
        trx.selectFrom("posts").select(["body", "body_html"]).where("id", "=", post.id),
      ).executeTakeFirstOrThrow();
      if (current.body === body) return;
      const rendered = await resolveMentions(trx, draft);
      await assertWithinPostingLimits(trx, actor, "edit", rendered.html);
      const now = Date.now();
      await keepRevision(trx, actor, { type: "post", id: post.id }, { body: current.body }, { redact: options.redact === true, at: now });
      await trx
        .updateTable("posts")
        .set({ body, body_html: rendered.html, edited_at: now, edited_by: actor.id })
        .where("id", "=", post.id)
        .execute();
      await attachUploads(trx, { postId: post.id }, rendered.html);
      // Only staff may edit someone else's reply: that is moderation, and the audit log keeps it.
      if (actor.id !== post.author_id) {
        await recordAudit(trx, { actorId: actor.id, action: "post.edit", targetType: "post", targetId: post.id });
      }
      await notifyMentions(
        trx,
        { threadId: post.thread_id, postId: post.id, authorId: post.author_id, public: can.see(null, post) && can.see(null, post.thread) },
        rendered,
        await previouslyMentioned(trx, current.body_html),
      );
      if (stateOf(post) === "hidden") await reopenForReview(trx, { type: "post", id: post.id });
    });
  return post.thread_id;
}
