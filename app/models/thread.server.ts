import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, ThreadKind } from "~db/schema";
import { can, type Actor, type ContentFacts } from "~/auth/permissions.server";
import { likesOnPage, type Likes } from "./reaction.server";
import { listCoDesigners } from "./co-designers.server";
import {
  listedTo,
  mergedIntoId,
  moderationState,
  publicContent,
  replyFacts,
  requireThread,
  shownStatus,
  sightOf,
  stateOf,
  threadFacts,
  visibleTo,
} from "./content.server";
import { reopenForReview } from "./flag.server";
import { countReplyPages, REPLIES_PER_PAGE } from "./reply-pages.server";
import { keepRevision } from "./revision.server";
import { replaceThreadTags, threadTagIds } from "./tag.server";
import { discardDraft, draftKeys } from "./draft.server";
import { attachUploads } from "./upload.server";
import { notifyMentions, previouslyMentioned, resolveMentions } from "./mention.server";
import { draftPost } from "./post-text.server";
import { assertWithinPostingLimits } from "./posting-limits.server";
import { queueWebhookEvent } from "./webhook.server";
import { siteUrl } from "~/http/site-url.server";
import { replyPath } from "~/utils/slug";
import { notify } from "./notification.server";
import { recordAudit } from "./audit.server";
import { followAutomatically } from "./subscription.server";
import { notifyProductFollowers } from "./product-follow.server";
import { productFollowers } from "./product-follow.server";
import { excerpt } from "~/utils/plain-text";
import { ensure, Forbidden, Invalid, NotFound } from "./errors.server";

/** An announcement (staff): pinned at the top of its product's lists, or every list (site), until it expires or is unpinned. */
export type AnnouncementInput = { scope: "product" | "site"; expiresAt: number | null; repliesOn: boolean };
export type ThreadInput = {
  productId: number;
  kind: ThreadKind;
  title: string;
  body: string;
  tagIds?: number[];
  announcement?: AnnouncementInput;
};
/** tagIds undefined leaves the thread's tags as they are; `redact` (staff) hides every earlier version. */
export type ThreadEdit = { title: string; body: string; tagIds?: number[]; redact?: boolean };

/**
 * What every thread list shows: no bodies, only what a row needs. The rows
 * `viewer` may see; those out of public view (hidden, deleted) are marked.
 */
export function listQuery(viewer: Actor) {
  return (
    getDb()
      .selectFrom("threads")
      .innerJoin("users", "users.id", "threads.author_id")
      .innerJoin("products", "products.id", "threads.product_id")
      .select([
        "threads.id",
        "threads.title",
        "threads.kind",
        shownStatus().as("status"),
        "threads.pinned",
        "threads.vote_count as voteCount",
        "threads.reply_count as replyCount",
        "threads.last_activity_at as lastActivityAt",
        "threads.created_at as createdAt",
        "threads.accepted_answer_post_id as acceptedAnswerPostId",
        "threads.co_designed_at as coDesignedAt",
        "users.username as authorUsername",
        "users.display_name as authorDisplayName",
        "products.slug as productSlug",
        "products.name as productName",
      ])
      // Visitors see public rows only: their lists (cached, benchmarked) carry nothing more.
      .$if(viewer !== null, (query) => query.select(moderationState().as("moderation")))
      .where(visibleTo(viewer))
  );
}

export type ThreadListItem = Awaited<ReturnType<ReturnType<typeof listQuery>["execute"]>>[number];

export async function listLatestThreads(limit = 15, viewer: Actor = null): Promise<ThreadListItem[]> {
  return listQuery(viewer).orderBy("threads.last_activity_at", "desc").orderBy("threads.id", "desc").limit(limit).execute();
}

/**
 * The page's note about hidden content. The reason staff wrote reaches only
 * those who may read it (staff and the author): the page's data is in its
 * HTML for every visitor, whether or not a component shows it.
 */
function hiddenNote(view: ReturnType<typeof sightOf>, reason: string | null) {
  if (view === "visible" || view === "gone") return null;
  return view === "placeholder" ? { reason: "", placeholder: true } : { reason: reason ?? "", placeholder: false };
}

type ReplyRow = {
  id: number;
  author_id: number;
  hidden_at: number | null;
  deleted_at: number | null;
  group_id: number | null;
  hiddenReason: string | null;
  bodyHtml: string;
};

/** A reply as the viewer may see it, with what they may do to it; the facts behind that stay here. */
function shownReply<R extends ReplyRow>(
  viewer: Actor,
  { author_id, hidden_at, deleted_at, group_id, hiddenReason: reason, ...reply }: R,
  thread: ContentFacts,
  likes: Map<number | "thread", Likes>,
) {
  const facts = { author_id, hidden_at, deleted_at, group_id };
  const view = sightOf(viewer, facts);
  return {
    ...reply,
    deletedAt: deleted_at,
    bodyHtml: view === "placeholder" ? "" : reply.bodyHtml,
    hidden: hiddenNote(view, reason),
    canEdit: view !== "placeholder" && can.editPost(viewer, facts),
    canFlag: can.flag(viewer, facts),
    canLike: can.like(viewer, facts, thread),
    likes: likes.get(reply.id) ?? noLikes,
  };
}

const noLikes: Likes = { count: 0, mine: false };

/**
 * Everything one page of a thread shows: the thread, its accepted answer,
 * one page of the other replies (REPLIES_PER_PAGE) and how many pages there
 * are, in a handful of indexed queries whatever the number of replies.
 */
export async function getThreadPage(id: number, viewer: Actor, page = 1) {
  const db = getDb();
  const thread = await db
    .selectFrom("threads")
    .innerJoin("users", "users.id", "threads.author_id")
    // A public customer account's name shows beside its people's names; nothing else of the account.
    .leftJoin("accounts", (join) => join.onRef("accounts.id", "=", "users.account_id").on("accounts.is_public", "=", 1))
    .innerJoin("products", "products.id", "threads.product_id")
    .leftJoin("votes", (join) => join.onRef("votes.thread_id", "=", "threads.id").on("votes.user_id", "=", viewer?.id ?? 0))
    .select([
      "threads.id",
      "threads.kind",
      "threads.title",
      "threads.body_html as bodyHtml",
      shownStatus().as("status"),
      "threads.status as rowStatus",
      ...threadFacts,
      "threads.accepted_answer_post_id as acceptedAnswerPostId",
      "threads.co_designed_at as coDesignedAt",
      "threads.substatus_id as substatusId",
      "threads.locked",
      "threads.vote_count as voteCount",
      "threads.reply_count as replyCount",
      "threads.created_at as createdAt",
      "threads.edited_at as editedAt",
      mergedIntoId().as("mergedIntoId"),
      "threads.pinned",
      "threads.closed_at as closedAt",
      "threads.announcement_scope as announcement",
      "threads.announcement_pinned as announcementPinned",
      "threads.hidden_reason as hiddenReason",
      "threads.delete_reason as deleteReason",
      "threads.product_id as productId",
      "users.username as authorUsername",
      "users.display_name as authorDisplayName",
      "users.role as authorRole",
      "accounts.name as authorAccount",
      "products.slug as productSlug",
      "products.name as productName",
      "votes.user_id as viewerVote",
    ])
    .where("threads.id", "=", id)
    .executeTakeFirst();
  const threadView = thread ? sightOf(viewer, thread) : "gone";
  ensure(thread && threadView !== "gone", NotFound, "We couldn't find that thread.");

  // The accepted answer is shown under the question on every page, so the pages list the other replies.
  const answerId = thread.acceptedAnswerPostId;
  const replyQuery = () =>
    db
      .selectFrom("posts")
      .innerJoin("users", "users.id", "posts.author_id")
      .leftJoin("accounts", (join) => join.onRef("accounts.id", "=", "users.account_id").on("accounts.is_public", "=", 1))
      .select([
        "posts.id",
        "posts.body_html as bodyHtml",
        "posts.created_at as createdAt",
        "posts.edited_at as editedAt",
        ...replyFacts,
        "posts.hidden_reason as hiddenReason",
        "posts.delete_reason as deleteReason",
        "users.username as authorUsername",
        "users.display_name as authorDisplayName",
        "users.role as authorRole",
        "accounts.name as authorAccount",
      ])
      .where("posts.thread_id", "=", id)
      .where(listedTo(viewer, "posts"));
  const [replies, answer, coDesigners] = await Promise.all([
    replyQuery()
      .$if(answerId !== null, (qb) => qb.where("posts.id", "!=", answerId!))
      .orderBy("posts.id")
      .limit(REPLIES_PER_PAGE)
      .offset((page - 1) * REPLIES_PER_PAGE)
      .execute(),
    answerId === null ? undefined : replyQuery().where("posts.id", "=", answerId).executeTakeFirst(),
    listCoDesigners([id]).then((credits) =>
      credits.map(({ username, displayName, contribution }) => ({ username, displayName, contribution })),
    ),
  ]);
  const [pageCount, likes] = await Promise.all([
    countReplyPages(viewer, { id, replyCount: thread.replyCount }, answer !== undefined),
    likesOnPage(viewer, id, [...(answer ? [answer.id] : []), ...replies.map((reply) => reply.id)]),
  ]);

  const facts = {
    author_id: thread.author_id,
    kind: thread.kind,
    locked: thread.locked,
    hidden_at: thread.hidden_at,
    merged_into_id: thread.mergedIntoId,
    status: thread.rowStatus,
    closed_at: thread.closedAt,
    deleted_at: thread.deleted_at,
    group_id: thread.group_id,
  };
  const placeholder = threadView === "placeholder";
  // The page gets what it shows; the facts behind permissions and hiding stay here.
  const {
    author_id: _authorId,
    hidden_at: _hiddenAt,
    deleted_at: deletedAt,
    group_id: groupId,
    hiddenReason,
    mergedIntoId: _mergedIntoId,
    productId: _productId,
    rowStatus: _rowStatus,
    ...rest
  } = thread;
  const shown = { ...rest, deletedAt, likes: likes.get("thread") ?? noLikes, private: groupId !== null };
  return {
    thread: placeholder ? { ...shown, title: "Hidden thread", bodyHtml: "" } : shown,
    hidden: hiddenNote(threadView, hiddenReason),
    answer: placeholder || !answer ? null : shownReply(viewer, answer, facts, likes),
    replies: placeholder ? [] : replies.map((reply) => shownReply(viewer, reply, facts, likes)),
    pagination: { page, pageCount },
    coDesigners,
    permissions: {
      reply: can.reply(viewer, facts),
      edit: can.editThread(viewer, facts),
      vote: can.vote(viewer, facts),
      markAnswer: can.markAnswer(viewer, facts),
      acceptIdea: can.acceptIdea(viewer, facts),
      changeStatus: can.changeStatus(viewer, facts),
      creditCoDesigners: can.creditCoDesigners(viewer, facts),
      mergeIdea: can.mergeIdea(viewer, facts),
      planIdea: can.planIdea(viewer, facts),
      manageCodesignGroup: can.manageCodesignGroup(viewer, facts),
      addPoll: can.addPoll(viewer, facts),
      votePoll: can.votePoll(viewer, facts),
      readStaffNotes: can.readStaffNotes(viewer),
      recordOnBehalf: can.recordOnBehalf(viewer, facts),
      writeSuccessMeasure: can.writeSuccessMeasure(viewer, facts),
      watch: can.watch(viewer, facts),
      flag: can.flag(viewer, facts),
      like: can.like(viewer, facts, facts),
      moderate: can.moderate(viewer),
    },
  };
}

export async function createThread(
  actor: Actor,
  input: ThreadInput,
  /** More writes that belong with the new thread (a follow-up's links), in its transaction. */
  alongside?: (trx: Transaction<Database>, threadId: number) => Promise<void>,
): Promise<number> {
  ensure(actor && can.startThread(actor), Forbidden, "You can't start threads right now.");
  const announcement = input.announcement;
  ensure(!announcement || can.announce(actor), Forbidden, "Only staff can post announcements.");
  const now = Date.now();
  ensure(!announcement?.expiresAt || announcement.expiresAt > now, Invalid, "expiresOn", "Choose a day in the future, or none.");
  const draft = draftPost(input.body);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const product = await trx.selectFrom("products").select("archived_at").where("id", "=", input.productId).executeTakeFirst();
      ensure(product, Invalid, "Choose one of the listed products.");
      ensure(product.archived_at === null, Invalid, "That product is archived and takes no new threads.");
      const rendered = await resolveMentions(trx, draft);
      await assertWithinPostingLimits(trx, actor, "thread", rendered.html);
      const row = await trx
        .insertInto("threads")
        .values({
          product_id: input.productId,
          author_id: actor.id,
          kind: input.kind,
          title: input.title,
          body: input.body,
          body_html: rendered.html,
          status: input.kind === "idea" ? "open" : null,
          status_changed_at: input.kind === "idea" ? now : null,
          vote_count: input.kind === "idea" ? 1 : 0,
          last_activity_at: now,
          created_at: now,
          ...(announcement
            ? {
                announcement_scope: announcement.scope,
                announcement_pinned: 1,
                announcement_expires_at: announcement.expiresAt,
                locked: announcement.repliesOn ? 0 : 1,
              }
            : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (announcement) {
        await notify(trx, await productFollowers(trx, input.productId, "announcement"), {
          kind: "announcement",
          threadId: row.id,
          actorId: actor.id,
          excerpt: excerpt(rendered.html, 280),
        });
        await recordAudit(trx, { actorId: actor.id, action: "announcement.post", targetType: "thread", targetId: row.id });
      }
      // Proposing an idea is voting for it (as on Fider and Canny); the author can take the vote back.
      if (input.kind === "idea") await trx.insertInto("votes").values({ thread_id: row.id, user_id: actor.id, created_at: now }).execute();
      if (input.tagIds?.length) await replaceThreadTags(trx, row.id, input.tagIds);
      await followAutomatically(trx, row.id, actor.id, "watching");
      await notifyMentions(trx, { threadId: row.id, postId: null, authorId: actor.id, public: true }, rendered);
      await alongside?.(trx, row.id);
      await notifyProductFollowers(trx, { id: row.id, product_id: input.productId, kind: input.kind }, actor.id);
      await queueWebhookEvent(trx, "thread.created", row.id);
      if (input.kind === "idea") await queueWebhookEvent(trx, "idea.created", row.id);
      await discardDraft(actor, draftKeys.newThread, trx);
      await attachUploads(trx, { threadId: row.id }, rendered.html);
      return row.id;
    });
}

/** Replaces a thread's title and body; the previous text is kept as a revision. */
export async function editThread(actor: Actor, threadId: number, input: ThreadEdit): Promise<void> {
  const draft = draftPost(input.body);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // Locked: an edit made meanwhile is the version this one replaces and keeps, not lost.
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(actor && can.editThread(actor, thread), Forbidden, "You can only edit your own threads.");
      ensure(!input.redact || can.redact(actor), Forbidden, "Only staff can redact.");
      if (input.tagIds) await replaceThreadTags(trx, thread.id, input.tagIds);
      if (thread.title === input.title && thread.body === input.body) return;
      const rendered = await resolveMentions(trx, draft);
      await assertWithinPostingLimits(trx, actor, "edit", rendered.html);
      const now = Date.now();
      const previous = { title: thread.title, body: thread.body };
      await keepRevision(trx, actor, { type: "thread", id: thread.id }, previous, { redact: input.redact === true, at: now });
      await trx
        .updateTable("threads")
        .set({ title: input.title, body: input.body, body_html: rendered.html, edited_at: now, edited_by: actor.id })
        .where("id", "=", thread.id)
        .execute();
      await attachUploads(trx, { threadId: thread.id }, rendered.html);
      // Only staff may edit someone else's thread: that is moderation, and the audit log keeps it.
      if (actor.id !== thread.author_id) {
        await recordAudit(trx, { actorId: actor.id, action: "thread.edit", targetType: "thread", targetId: thread.id });
      }
      await notifyMentions(
        trx,
        { threadId: thread.id, postId: null, authorId: thread.author_id, public: can.see(null, thread) },
        rendered,
        await previouslyMentioned(trx, thread.body_html),
      );
      if (stateOf(thread) === "hidden") await reopenForReview(trx, { type: "thread", id: thread.id });
    });
}

/** The source text for the edit form; only its author may open it. */
export async function getThreadForEdit(actor: Actor, threadId: number) {
  const thread = await requireThread(threadId);
  ensure(can.editThread(actor, thread), Forbidden, "You can only edit your own threads.");
  return {
    id: thread.id,
    title: thread.title,
    body: thread.body,
    kind: thread.kind,
    tagIds: await threadTagIds(thread.id),
    canRedact: can.redact(actor),
  };
}

/** Marks one reply as the answer to a question, replacing any earlier answer. */
export async function markAnswer(actor: Actor, threadId: number, postId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // The question locked: two marks at once notify once, and a reply deleted meanwhile is not marked.
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "question", Invalid, "Only questions have answers.");
      ensure(can.markAnswer(actor, thread), Forbidden, "Only the person who asked or staff can choose the answer.");
      const post = await trx
        .selectFrom("posts")
        .select(["id", "author_id"])
        .where("id", "=", postId)
        .where("thread_id", "=", threadId)
        .where(publicContent("posts"))
        .executeTakeFirst();
      ensure(post, NotFound, "That reply is not part of this question.");
      await trx.updateTable("threads").set({ accepted_answer_post_id: post.id }).where("id", "=", threadId).execute();
      if (thread.accepted_answer_post_id !== post.id) {
        await notify(trx, [post.author_id], { kind: "answer_accepted", threadId, postId: post.id, actorId: actor?.id });
        await queueWebhookEvent(trx, "answer.marked", threadId, { answer: { id: post.id, url: siteUrl(replyPath(post.id)) } });
      }
    });
}

export async function unmarkAnswer(actor: Actor, threadId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "question", Invalid, "Only questions have answers.");
      ensure(can.markAnswer(actor, thread), Forbidden, "Only the person who asked or staff can choose the answer.");
      await trx.updateTable("threads").set({ accepted_answer_post_id: null }).where("id", "=", threadId).execute();
    });
}
