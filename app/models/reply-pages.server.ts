import { getDb } from "~db/client.server";
import { can, contentSight, type Actor } from "~/auth/permissions.server";
import { deleted, parentFacts, replyFacts, sightOf, threadOf } from "./content.server";
import { threadPagePath } from "~/utils/slug";
import { ensure, Invalid, NotFound } from "./errors.server";

/**
 * A thread shows its replies 50 to a page, in the order they were posted;
 * the accepted answer sits under the question on every page instead of in
 * the list. Who sees what is the thread page's rule (listedTo): deleted
 * replies are listed only for those who may see them, staff.
 */
export const REPLIES_PER_PAGE = 50;

/** The largest page number a URL may ask for: 50 million replies. */
const MAX_PAGE = 1_000_000;

/**
 * The page a thread URL asks for: none is page 1; anything but a whole
 * number from 1 is a 400. `?page=1` is reported so the route can send it to
 * the thread's one address.
 */
export function parseReplyPage(url: URL): { page: number; explicitFirst: boolean } {
  const raw = url.searchParams.getAll("page");
  if (raw.length === 0) return { page: 1, explicitFirst: false };
  const text = raw.length === 1 ? raw[0]! : "";
  ensure(/^[1-9]\d{0,6}$/.test(text) && Number(text) <= MAX_PAGE, Invalid, "That page number is not valid: pages are numbered 1, 2, 3 …");
  return { page: Number(text), explicitFirst: text === "1" };
}

/** How many pages a thread's replies fill for this viewer. */
export async function countReplyPages(
  viewer: Actor,
  thread: { id: number; replyCount: number },
  answerListedSeparately: boolean,
): Promise<number> {
  // reply_count leaves deleted replies out; staff see them listed as well.
  const deletedListed = contentSight(viewer).everything
    ? Number(
        (
          await getDb()
            .selectFrom("posts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("posts.thread_id", "=", thread.id)
            .where(deleted("posts"))
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const listed = thread.replyCount + deletedListed - (answerListedSeparately ? 1 : 0);
  return Math.max(1, Math.ceil(listed / REPLIES_PER_PAGE));
}

/**
 * The address of one reply: the page of its thread that lists it, with its
 * anchor. A 404 for a reply the viewer may not see listed: a deleted one, or
 * one in a thread they may not see (a deleted thread, or a hidden one that is
 * a placeholder for them). A hidden reply keeps its place as a placeholder.
 */
export async function locateReply(viewer: Actor, postId: number): Promise<string> {
  const db = getDb();
  const row = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.id",
      "threads.id as threadId",
      "threads.title",
      "threads.accepted_answer_post_id as answerId",
      ...replyFacts,
      ...parentFacts,
    ])
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  const { thread: facts, rest: post } = row ? threadOf(row) : {};
  ensure(post && facts && can.see(viewer, facts) && sightOf(viewer, post) !== "gone", NotFound, "We couldn't find that reply.");
  const seesDeleted = contentSight(viewer).everything;
  const thread = { id: post.threadId, title: post.title };
  if (post.id === post.answerId) return `${threadPagePath(thread, 1)}#post-${post.id}`;

  const before = (onlyDeleted: boolean) =>
    db
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("posts.thread_id", "=", post.threadId)
      .where("posts.id", "<", post.id)
      .$if(post.answerId !== null, (qb) => qb.where("posts.id", "!=", post.answerId!))
      .$if(onlyDeleted, (qb) => qb.where(deleted("posts")))
      .executeTakeFirstOrThrow();
  const [all, unlisted] = await Promise.all([before(false), seesDeleted ? { n: 0 } : before(true)]);
  const listedBefore = Number(all.n) - Number(unlisted.n);
  return `${threadPagePath(thread, Math.floor(listedBefore / REPLIES_PER_PAGE) + 1)}#post-${post.id}`;
}
