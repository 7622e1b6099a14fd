import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { threadPagePath } from "~/utils/slug";
import { ensure, Invalid, NotFound } from "./errors.server";

/**
 * A thread shows its replies 50 to a page, in the order they were posted;
 * the accepted answer sits under the question on every page instead of in
 * the list. Who sees what is the thread page's rule: deleted replies are
 * listed for staff only.
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
  const deleted = can.seeHiddenContent(viewer)
    ? Number(
        (
          await getDb()
            .selectFrom("posts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("thread_id", "=", thread.id)
            .where("deleted_at", "is not", null)
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const listed = thread.replyCount + deleted - (answerListedSeparately ? 1 : 0);
  return Math.max(1, Math.ceil(listed / REPLIES_PER_PAGE));
}

/**
 * The address of one reply: the page of its thread that lists it, with its
 * anchor. Deleted replies (or replies in a deleted thread) are a 404 for
 * everyone but staff, and so is a reply in a hidden thread for those who see
 * only the thread's placeholder.
 */
export async function locateReply(viewer: Actor, postId: number): Promise<string> {
  const db = getDb();
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.id",
      "posts.deleted_at as deletedAt",
      "threads.id as threadId",
      "threads.title",
      "threads.author_id as threadAuthorId",
      "threads.accepted_answer_post_id as answerId",
      "threads.hidden_at as threadHiddenAt",
      "threads.deleted_at as threadDeletedAt",
    ])
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  const staff = can.seeHiddenContent(viewer);
  ensure(
    post &&
      (staff ||
        (post.deletedAt === null &&
          post.threadDeletedAt === null &&
          (post.threadHiddenAt === null || viewer?.id === post.threadAuthorId))),
    NotFound,
    "We couldn't find that reply.",
  );
  const thread = { id: post.threadId, title: post.title };
  if (post.id === post.answerId) return `${threadPagePath(thread, 1)}#post-${post.id}`;

  const before = (onlyDeleted: boolean) =>
    db
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("thread_id", "=", post.threadId)
      .where("id", "<", post.id)
      .$if(post.answerId !== null, (qb) => qb.where("id", "!=", post.answerId!))
      .$if(onlyDeleted, (qb) => qb.where("deleted_at", "is not", null))
      .executeTakeFirstOrThrow();
  const [all, deleted] = await Promise.all([before(false), staff ? { n: 0 } : before(true)]);
  const listedBefore = Number(all.n) - Number(deleted.n);
  return `${threadPagePath(thread, Math.floor(listedBefore / REPLIES_PER_PAGE) + 1)}#post-${post.id}`;
}
