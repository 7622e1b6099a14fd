import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse } from "~/utils/http";
import type { ContentRef } from "./moderation.server";

/**
 * A thread's or reply's edit history: the current text and every earlier
 * version, newest first, with who made each edit. Anyone who can see the
 * post can read it; hidden posts only staff and their author, deleted ones
 * only staff. A reply in a hidden or deleted thread counts as hidden or deleted.
 */
export async function getHistory(viewer: Actor, ref: ContentRef) {
  const db = getDb();
  const current =
    ref.type === "thread"
      ? await db
          .selectFrom("threads")
          .select(["id", "id as threadId", "title", "title as threadTitle", "body", "author_id", "hidden_at", "deleted_at", "created_at", "edited_at", "edited_by"])
          .select(["author_id as threadAuthorId", "hidden_at as threadHiddenAt", "deleted_at as threadDeletedAt"])
          .where("id", "=", ref.id)
          .executeTakeFirst()
      : await db
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .select([
            "posts.id",
            "threads.id as threadId",
            "threads.title as threadTitle",
            "posts.body",
            "posts.author_id",
            "posts.hidden_at",
            "posts.deleted_at",
            "posts.created_at",
            "posts.edited_at",
            "posts.edited_by",
            "threads.author_id as threadAuthorId",
            "threads.hidden_at as threadHiddenAt",
            "threads.deleted_at as threadDeletedAt",
          ])
          .select((eb) => eb.val<string | null>(null).as("title"))
          .where("posts.id", "=", ref.id)
          .executeTakeFirst();
  const staffView = can.seeHiddenContent(viewer);
  // A reply goes with its thread: in a deleted thread only staff read it, in a hidden one staff and the thread's author.
  invariantResponse(current && ((current.deleted_at === null && current.threadDeletedAt === null) || staffView), "We couldn't find that post.", {
    status: 404,
  });
  invariantResponse(
    (current.hidden_at === null || staffView || viewer?.id === current.author_id) &&
      (current.threadHiddenAt === null || staffView || viewer?.id === current.threadAuthorId),
    "This post is hidden while staff review it.",
    { status: 403 },
  );

  const [revisions, people] = await Promise.all([
    db
      .selectFrom("revisions")
      .innerJoin("users", "users.id", "revisions.editor_id")
      .select(["revisions.id", "revisions.title", "revisions.body", "revisions.created_at as replacedAt", "users.username as replacedBy"])
      .where(ref.type === "thread" ? "revisions.thread_id" : "revisions.post_id", "=", ref.id)
      .orderBy("revisions.id", "desc")
      .execute(),
    db
      .selectFrom("users")
      .select(["id", "username"])
      .where("id", "in", [current.author_id, current.edited_by ?? current.author_id])
      .execute(),
  ]);
  const usernameOf = (id: number | null) => people.find((p) => p.id === id)?.username ?? null;
  return {
    thread: { id: current.threadId, title: current.threadTitle },
    author: usernameOf(current.author_id),
    current: {
      title: current.title,
      body: current.body,
      editedAt: current.edited_at,
      editedBy: usernameOf(current.edited_by),
    },
    /** Each earlier version as it read before an edit, with when and by whom it was replaced, newest first. */
    earlier: revisions,
  };
}
