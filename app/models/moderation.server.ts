import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { loadContent, type ContentRef } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

// Routes name what they moderate with it; it lives with the rest of what content is.
export type { ContentRef };

type Staff = NonNullable<Actor>;

function requireModerator(actor: Actor): asserts actor is Staff {
  ensure(actor && can.moderate(actor), Forbidden, "Only staff can do that.");
}

const tableOf = (ref: ContentRef) => (ref.type === "thread" ? "threads" : "posts");

/** Hides content with a reason everyone but staff sees instead of it. Used by staff and by flag thresholds. */
export async function hideInTransaction(trx: Transaction<Database>, ref: ContentRef, reason: string): Promise<void> {
  await trx.updateTable(tableOf(ref)).set({ hidden_at: Date.now(), hidden_reason: reason }).where("id", "=", ref.id).execute();
}

export async function unhideInTransaction(trx: Transaction<Database>, ref: ContentRef): Promise<void> {
  await trx.updateTable(tableOf(ref)).set({ hidden_at: null, hidden_reason: null }).where("id", "=", ref.id).execute();
}

async function moderate(
  actor: Actor,
  ref: ContentRef,
  change: (trx: Transaction<Database>, actor: Staff, row: Awaited<ReturnType<typeof loadContent>>) => Promise<string | void>,
): Promise<void> {
  requireModerator(actor);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await loadContent(trx, ref, { forUpdate: true });
      await change(trx, actor, row);
    });
}

export async function hideContent(actor: Actor, ref: ContentRef, reason: string): Promise<void> {
  await moderate(actor, ref, async (trx, staff, row) => {
    ensure(row.deleted_at === null, Conflict, "Deleted content can't be hidden; restore it first.");
    ensure(row.hidden_at === null, Conflict, "This is already hidden.");
    await hideInTransaction(trx, ref, reason);
    await recordAudit(trx, { actorId: staff.id, action: `${ref.type}.hide`, targetType: ref.type, targetId: ref.id, reason });
  });
}

export async function unhideContent(actor: Actor, ref: ContentRef): Promise<void> {
  await moderate(actor, ref, async (trx, staff, row) => {
    ensure(row.hidden_at !== null, Conflict, "This isn't hidden.");
    await unhideInTransaction(trx, ref);
    await trx
      .updateTable("flags")
      .set({ status: "disagreed", resolved_by: staff.id, resolved_at: Date.now() })
      .where(ref.type === "thread" ? "thread_id" : "post_id", "=", ref.id)
      .where("status", "=", "pending")
      .execute();
    await recordAudit(trx, { actorId: staff.id, action: `${ref.type}.unhide`, targetType: ref.type, targetId: ref.id });
  });
}

/** Soft delete: the row stays, with who, when and why, so staff can restore it. */
export async function deleteContent(actor: Actor, ref: ContentRef, reason: string): Promise<void> {
  ensure(reason.trim().length > 0, Invalid, "Say why it is deleted.");
  await moderate(actor, ref, async (trx, staff, row) => {
    ensure(row.deleted_at === null, Conflict, "This is already deleted.");
    await trx
      .updateTable(tableOf(ref))
      .set({ deleted_at: Date.now(), deleted_by: staff.id, delete_reason: reason.trim() })
      .where("id", "=", ref.id)
      .execute();
    if (ref.type === "post") await adjustReplyCount(trx, ref.id, -1);
    await recordAudit(trx, { actorId: staff.id, action: `${ref.type}.delete`, targetType: ref.type, targetId: ref.id, reason });
  });
}

export async function restoreContent(actor: Actor, ref: ContentRef): Promise<void> {
  await moderate(actor, ref, async (trx, staff, row) => {
    ensure(row.deleted_at !== null, Conflict, "This isn't deleted.");
    await trx.updateTable(tableOf(ref)).set({ deleted_at: null, deleted_by: null, delete_reason: null }).where("id", "=", ref.id).execute();
    if (ref.type === "post") await adjustReplyCount(trx, ref.id, +1);
    await recordAudit(trx, { actorId: staff.id, action: `${ref.type}.restore`, targetType: ref.type, targetId: ref.id });
  });
}

/** A deleted reply no longer counts; the thread's counter changes with it. */
async function adjustReplyCount(trx: Transaction<Database>, postId: number, by: 1 | -1) {
  const post = await trx.selectFrom("posts").select("thread_id").where("id", "=", postId).executeTakeFirstOrThrow();
  await trx
    .updateTable("threads")
    .set((eb) => ({ reply_count: eb("reply_count", "+", by) }))
    .where("id", "=", post.thread_id)
    .execute();
}

export type ThreadFlagChange = "pin" | "unpin" | "lock" | "unlock" | "close" | "reopen";

/** Pin (on top of its product), lock (no new replies) and close (no replies or votes: the conversation is over). */
export async function setThreadState(actor: Actor, threadId: number, change: ThreadFlagChange, reason = ""): Promise<void> {
  await moderate(actor, { type: "thread", id: threadId }, async (trx, staff) => {
    const thread = await trx
      .selectFrom("threads")
      .select(["pinned", "locked", "closed_at"])
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    const already: Record<ThreadFlagChange, boolean> = {
      pin: thread.pinned === 1,
      unpin: thread.pinned === 0,
      lock: thread.locked === 1,
      unlock: thread.locked === 0,
      close: thread.closed_at !== null,
      reopen: thread.closed_at === null,
    };
    ensure(!already[change], Conflict, "The thread is already like that.");
    const set = {
      pin: { pinned: 1 },
      unpin: { pinned: 0 },
      lock: { locked: 1 },
      unlock: { locked: 0 },
      close: { closed_at: Date.now() },
      reopen: { closed_at: null },
    }[change];
    await trx.updateTable("threads").set(set).where("id", "=", threadId).execute();
    await recordAudit(trx, { actorId: staff.id, action: `thread.${change}`, targetType: "thread", targetId: threadId, reason });
  });
}

export async function moveThread(actor: Actor, threadId: number, productId: number, reason = ""): Promise<void> {
  await moderate(actor, { type: "thread", id: threadId }, async (trx, staff) => {
    const [thread, product] = await Promise.all([
      trx.selectFrom("threads").select("product_id").where("id", "=", threadId).executeTakeFirstOrThrow(),
      trx.selectFrom("products").select(["id", "name", "archived_at"]).where("id", "=", productId).executeTakeFirst(),
    ]);
    ensure(product, NotFound, "There is no such product to move the thread to.");
    ensure(product.archived_at === null, Invalid, "That product is archived; choose another.");
    ensure(thread.product_id !== productId, Conflict, "The thread is already in that product.");
    await trx.updateTable("threads").set({ product_id: productId }).where("id", "=", threadId).execute();
    await recordAudit(trx, {
      actorId: staff.id,
      action: "thread.move",
      targetType: "thread",
      targetId: threadId,
      reason,
      detail: `to ${product.name}`,
    });
  });
}
