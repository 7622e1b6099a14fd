import { expressionBuilder, sql, type Expression, type SqlBool, type Transaction } from "kysely";
import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import type { Database, IdeaStatus } from "~db/schema";
import { can, contentSight, type Actor, type ContentFacts } from "~/auth/permissions.server";
import { inChunks } from "~/utils/chunks";
import type { ShownStatus } from "~/utils/idea-status";
import { ensure, NotFound } from "./errors.server";

/**
 * Threads and replies as each viewer may see them. The rule itself is
 * contentSight in app/auth/permissions.server.ts; here it becomes a query
 * predicate (visibleTo) that every list, count, feed, sitemap and API query
 * composes, and the loaders that answer 404 for a row the viewer may not
 * see. Nothing else reads hidden_at, deleted_at or merged_into_id to decide
 * what to show.
 *
 * `table` is the name or alias a query gives threads or posts ("threads",
 * "posts", "t", "target"); a reply is seen only if its thread is too, so a
 * query of replies joined to their threads composes both.
 */

export type ContentRef = { type: "thread" | "post"; id: number };

type Db = Transaction<Database> | ReturnType<typeof getDb>;
type ContentColumns = ContentFacts & { deleted_at: number | null; merged_into_id: number | null; kind: string; status: string | null };

/** An expression builder over any alias of threads or posts: the predicates below name their columns through `table`. */
function columnsOf(table: string) {
  const eb = expressionBuilder<Record<string, ContentColumns>, string>();
  return { eb, col: (column: keyof ContentColumns) => eb.ref(`${table}.${column}`) };
}

/** The rows of `table` that `viewer` may see (see contentSight). For visitors: neither hidden nor deleted. */
export function visibleTo(viewer: Actor, table = "threads"): Expression<SqlBool> {
  const sight = contentSight(viewer);
  const { eb, col } = columnsOf(table);
  if (sight.everything) return eb.lit(true);
  const notHidden = eb(col("hidden_at"), "is", null);
  const notDeleted = eb(col("deleted_at"), "is", null);
  const inReach = inReachOf(sight.groupIds, table);
  if (sight.authorId === null) return eb.and([notHidden, notDeleted, inReach]);
  return eb.and([eb.or([notHidden, eb(col("author_id"), "=", sight.authorId)]), notDeleted, inReach]);
}

/** Outside any co-design group, or in one of `groupIds` (the groups the viewer accepted to join). */
function inReachOf(groupIds: readonly number[], table: string): Expression<SqlBool> {
  const { eb, col } = columnsOf(table);
  const notInGroup = eb(col("group_id"), "is", null);
  return groupIds.length === 0 ? notInGroup : eb.or([notInGroup, eb(col("group_id"), "in", [...groupIds])]);
}

/** What everyone may see: the rows of published surfaces (feeds, sitemap, search, API, roadmap) and public figures. */
export const publicContent = (table = "threads") => visibleTo(null, table);

/**
 * The rows a page shows in their place, the thread page's replies: those the
 * viewer may see, and hidden ones, which the page shows as a placeholder
 * (sightOf). Deleted ones, and a group's, only to those who may see them.
 */
export function listedTo(viewer: Actor, table = "posts"): Expression<SqlBool> {
  const { eb, col } = columnsOf(table);
  const sight = contentSight(viewer);
  return sight.everything ? eb.lit(true) : eb.and([eb(col("deleted_at"), "is", null), inReachOf(sight.groupIds, table)]);
}

/** Deleted replies: what pages count apart, as only those who see them have them listed (reply-pages.server.ts). */
export function deleted(table = "posts"): Expression<SqlBool> {
  const { eb, col } = columnsOf(table);
  return eb(col("deleted_at"), "is not", null);
}

/** A merged idea stays visible, showing "merged into", but is in no status list, roadmap column or open count. */
export function notMerged(table = "threads"): Expression<SqlBool> {
  const { eb, col } = columnsOf(table);
  return eb(col("merged_into_id"), "is", null);
}

/** Ideas with this status (null: any status), merged ones left out (notMerged). */
export function withStatus(status: IdeaStatus | null, table = "threads"): Expression<SqlBool> {
  const { eb, col } = columnsOf(table);
  const statusIs = status === null ? [] : [eb(col("status"), "=", status)];
  return eb.and([eb(col("kind"), "=", "idea"), ...statusIs, notMerged(table)]);
}

/**
 * An idea's status as every list, page, search result, feed and API answer
 * shows it: "merged" once it was merged into another idea, whatever its row's
 * status was then.
 */
export function shownStatus(table = "threads") {
  return sql<ShownStatus | null>`(case when ${sql.ref(`${table}.merged_into_id`)} is not null then 'merged' else ${sql.ref(`${table}.status`)} end)`;
}

/** The idea a merged idea went into (null for the others). */
export const mergedIntoId = (table = "threads") => sql<number | null>`${sql.ref(`${table}.merged_into_id`)}`;

/** Why a row a list shows is out of public view: lists mark it for the staff and authors who see it. */
export function moderationState(table = "threads") {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  return sql<
    "hidden" | "deleted" | null
  >`(case when ${column("deleted_at")} is not null then 'deleted' when ${column("hidden_at")} is not null then 'hidden' end)`;
}

/** The facts can.see needs, selected under their own names: spread into a select of threads or posts. */
export const threadFacts = ["threads.author_id", "threads.hidden_at", "threads.deleted_at", "threads.group_id"] as const;
export const replyFacts = ["posts.author_id", "posts.hidden_at", "posts.deleted_at", "posts.group_id"] as const;
/** A reply's thread's facts, next to the reply's own in a query joining posts to threads; threadOf reads them back. */
export const parentFacts = [
  "threads.author_id as threadAuthorId",
  "threads.hidden_at as threadHiddenAt",
  "threads.deleted_at as threadDeletedAt",
  "threads.group_id as threadGroupId",
] as const;

type ParentFacts = { threadAuthorId: number; threadHiddenAt: number | null; threadDeletedAt: number | null; threadGroupId: number | null };

/** The thread facts parentFacts selected, as can.see takes them, and the row without them. */
export function threadOf<R extends ParentFacts>({ threadAuthorId, threadHiddenAt, threadDeletedAt, threadGroupId, ...rest }: R) {
  return { thread: { author_id: threadAuthorId, hidden_at: threadHiddenAt, deleted_at: threadDeletedAt, group_id: threadGroupId }, rest };
}

export type ContentState = "visible" | "hidden" | "deleted";

/** Where a row stands in moderation, for the checks that depend on it (merging, reopening flags on an edit). */
export function stateOf(row: ContentFacts): ContentState {
  if (row.deleted_at != null) return "deleted";
  return row.hidden_at === null ? "visible" : "hidden";
}

/**
 * How a page that keeps every row in its place (the thread page) shows one:
 * whole; "revealed" (hidden, shown with the reason to those who may see it);
 * as a placeholder (hidden from this viewer); or "gone" (deleted, a 404 or
 * left out).
 */
export function sightOf(viewer: Actor, row: ContentFacts): "visible" | "revealed" | "placeholder" | "gone" {
  // A placeholder only for what the viewer would see were it not hidden: a group's discussion is gone for outsiders.
  if (!can.see(viewer, row)) return can.see(viewer, { ...row, hidden_at: null }) ? "placeholder" : "gone";
  return row.hidden_at === null ? "visible" : "revealed";
}

/**
 * The facts permission checks need, or a 404 for a missing or deleted
 * thread. Hidden threads load: the can.* checks refuse what they forbid.
 */
export async function requireThread(id: number, db: Db = getDb(), options: { forUpdate?: boolean } = {}) {
  const query = db.selectFrom("threads").selectAll().where("id", "=", id);
  // Locked, a decision read from the row still holds when the transaction writes (two staff at once).
  const thread = await (options.forUpdate ? forUpdate(query) : query).executeTakeFirst();
  ensure(thread && stateOf(thread) !== "deleted", NotFound, "We couldn't find that thread.");
  return thread;
}

/**
 * A reply to edit, with its thread's title and facts: hidden ones load (their
 * author may edit them for review); deleted ones, or those in a deleted
 * thread, are gone.
 */
export async function requireReply(postId: number) {
  const post = await getDb()
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select(["posts.id", "posts.thread_id", "posts.body", "posts.body_html", ...replyFacts, "threads.title as threadTitle", ...parentFacts])
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  const { thread, rest: reply } = post ? threadOf(post) : {};
  ensure(reply && thread && stateOf(reply) !== "deleted" && stateOf(thread) !== "deleted", NotFound, "We couldn't find that reply.");
  return { ...reply, thread };
}

/**
 * Of `userIds`, those who may see all of `content` (a thread, and the reply
 * an event is about): everyone when visitors may, since who may see grows
 * from visitors to authors to staff; else those can.see lets in.
 */
export async function whoMaySee(db: Db, userIds: number[], content: ContentFacts[]): Promise<number[]> {
  if (content.every((row) => can.see(null, row))) return userIds;
  const seeing: number[] = [];
  for (const chunk of inChunks(userIds, 500)) {
    const people = await db
      .selectFrom("users")
      .select(["id", "role", "suspended_until as suspendedUntil", "email_verified_at as emailVerifiedAt"])
      .where("id", "in", chunk)
      .execute();
    const groups = await groupsOf(db, chunk);
    seeing.push(
      ...people
        .map((person) => ({ ...person, groupIds: groups.get(person.id) ?? [] }))
        .filter((person) => content.every((row) => can.see(person, row)))
        .map((person) => person.id),
    );
  }
  return seeing;
}

/** The co-design groups each of `userIds` accepted to join: what can.see needs to know of them besides their role. */
export async function groupsOf(db: Db, userIds: number[]): Promise<Map<number, number[]>> {
  const groups = new Map<number, number[]>();
  if (userIds.length === 0) return groups;
  const rows = await db
    .selectFrom("codesign_members")
    .select(["user_id", "group_id"])
    .where("user_id", "in", userIds)
    .where("state", "=", "accepted")
    .execute();
  for (const row of rows) groups.set(row.user_id, [...(groups.get(row.user_id) ?? []), row.group_id]);
  return groups;
}

/** A person with the groups they accepted to join, as a session carries them (app/auth/session.server.ts). */
export async function withGroups<A extends NonNullable<Actor>>(person: A, db: Db = getDb()): Promise<A & { groupIds: number[] }> {
  return { ...person, groupIds: (await groupsOf(db, [person.id])).get(person.id) ?? [] };
}

const notFoundText = (ref: ContentRef) => (ref.type === "thread" ? "We couldn't find that thread." : "We couldn't find that reply.");

/**
 * The moderation facts of a thread or reply, whatever its state, with its
 * thread's (a thread's own for a thread), or a 404 when there is no such row.
 * `forUpdate` locks the row (and a reply's thread) until the transaction
 * ends, for a decision taken from it: two staff deleting one reply at once,
 * or two members' flags reaching the threshold together, then take turns.
 */
export async function loadContent(db: Db, ref: ContentRef, options: { forUpdate?: boolean } = {}) {
  const lock = <Query extends { forUpdate(): Query }>(query: Query) => (options.forUpdate ? forUpdate(query) : query);
  const row =
    ref.type === "thread"
      ? await lock(
          db
            .selectFrom("threads")
            .select(["threads.id", ...threadFacts, "threads.hidden_reason", "threads.delete_reason", ...parentFacts])
            .where("threads.id", "=", ref.id),
        ).executeTakeFirst()
      : await lock(
          db
            .selectFrom("posts")
            .innerJoin("threads", "threads.id", "posts.thread_id")
            .select(["posts.id", ...replyFacts, "posts.hidden_reason", "posts.delete_reason", ...parentFacts])
            .where("posts.id", "=", ref.id),
        ).executeTakeFirst();
  ensure(row, NotFound, notFoundText(ref));
  const { thread, rest } = threadOf(row);
  return { ...rest, thread };
}

/**
 * A thread, or a reply with its thread, that `viewer` may see, or a 404:
 * a reply is seen only with its thread. What focused pages (flag, staff
 * tools, edit history) start from.
 */
export async function requireVisibleContent(viewer: Actor, ref: ContentRef) {
  const db = getDb();
  const threadColumns = [
    "threads.id as threadId",
    "threads.title as threadTitle",
    "threads.pinned",
    "threads.locked",
    "threads.closed_at as closedAt",
    "threads.product_id as productId",
    ...parentFacts,
  ] as const;
  const row =
    ref.type === "thread"
      ? await db
          .selectFrom("threads")
          .select([
            ...threadColumns,
            ...threadFacts,
            "threads.id",
            "threads.title",
            "threads.body",
            "threads.edited_at",
            "threads.edited_by",
          ])
          .where("threads.id", "=", ref.id)
          .executeTakeFirst()
      : await db
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select([...threadColumns, ...replyFacts, "posts.id", "posts.body", "posts.edited_at", "posts.edited_by"])
          .select((eb) => eb.val<string | null>(null).as("title"))
          .where("posts.id", "=", ref.id)
          .executeTakeFirst();
  const { thread, rest: content } = row ? threadOf(row) : {};
  ensure(content && thread && can.see(viewer, content) && can.see(viewer, thread), NotFound, notFoundText(ref));
  return content;
}
