import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { requireVisibleContent, type ContentRef } from "./content.server";
import { Conflict, ensure, Forbidden, NotFound } from "./errors.server";

/**
 * A thread's or reply's edit history: the current text and every earlier
 * version, newest first, with who made each edit. Whoever may see the post
 * (can.see: hidden ones their author and staff, deleted ones staff) reads
 * it, except what was removed from it: versions staff hid (one by one, or
 * all at once with a redaction) show only that they were hidden.
 */
export async function getHistory(viewer: Actor, ref: ContentRef) {
  const db = getDb();
  const current = await requireVisibleContent(viewer, ref);
  const staffView = can.readHiddenVersions(viewer);

  const [revisions, people] = await Promise.all([
    db
      .selectFrom("revisions")
      .innerJoin("users", "users.id", "revisions.editor_id")
      .leftJoin("users as hider", "hider.id", "revisions.hidden_by")
      .select([
        "revisions.id",
        "revisions.title",
        "revisions.body",
        "revisions.created_at as replacedAt",
        "revisions.hidden_at as hiddenAt",
        "users.username as replacedBy",
        "hider.username as hiddenBy",
      ])
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
    /**
     * Each earlier version as it read before an edit, with when and by whom it
     * was replaced, newest first. A hidden one carries its text to staff only.
     */
    earlier: revisions.map(({ hiddenAt, hiddenBy, ...version }) => {
      const hidden = hiddenAt === null ? null : { at: hiddenAt, by: staffView ? hiddenBy : null };
      return staffView || hidden === null ? { ...version, hidden } : { ...version, title: null, body: null, hidden };
    }),
    canHideVersions: can.hideRevision(viewer),
  };
}

/** Staff hide an earlier version of `ref` from everyone else (or show it again). */
export async function setRevisionHidden(actor: Actor, ref: ContentRef, revisionId: number, hidden: boolean): Promise<void> {
  ensure(actor && can.hideRevision(actor), Forbidden, "Only staff can hide earlier versions.");
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const revision = await trx
        .selectFrom("revisions")
        .select(["hidden_at"])
        .where("id", "=", revisionId)
        .where(ref.type === "thread" ? "thread_id" : "post_id", "=", ref.id)
        .executeTakeFirst();
      ensure(revision, NotFound, "We couldn't find that version.");
      ensure(
        (revision.hidden_at !== null) !== hidden,
        Conflict,
        hidden ? "That version is already hidden." : "That version is not hidden.",
      );
      await trx
        .updateTable("revisions")
        .set(hidden ? { hidden_at: Date.now(), hidden_by: actor.id } : { hidden_at: null, hidden_by: null })
        .where("id", "=", revisionId)
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: `${ref.type}.${hidden ? "hide_version" : "show_version"}`,
        targetType: ref.type,
        targetId: ref.id,
        detail: `version ${revisionId}`,
      });
    });
}

/**
 * Keeps the text a post had before an edit. A redaction (a staff edit made
 * for moderation) hides that version and every earlier one at once.
 */
export async function keepRevision(
  trx: Transaction<Database>,
  actor: NonNullable<Actor>,
  ref: ContentRef,
  previous: { title?: string; body: string },
  options: { redact: boolean; at: number },
): Promise<void> {
  await trx
    .insertInto("revisions")
    .values({
      thread_id: ref.type === "thread" ? ref.id : null,
      post_id: ref.type === "post" ? ref.id : null,
      title: previous.title ?? null,
      body: previous.body,
      editor_id: actor.id,
      created_at: options.at,
    })
    .execute();
  if (!options.redact) return;
  ensure(can.redact(actor), Forbidden, "Only staff can redact.");
  await trx
    .updateTable("revisions")
    .set({ hidden_at: options.at, hidden_by: actor.id })
    .where(ref.type === "thread" ? "thread_id" : "post_id", "=", ref.id)
    .where("hidden_at", "is", null)
    .execute();
  await recordAudit(trx, { actorId: actor.id, action: `${ref.type}.redact`, targetType: ref.type, targetId: ref.id });
}
