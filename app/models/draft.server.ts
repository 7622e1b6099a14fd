import { getDb } from "~db/client.server";
import type { Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { BODY_MAX, TITLE_MAX } from "~/utils/form-limits";
import { ensure, Forbidden, Invalid, SignInRequired } from "./errors.server";
import { quoteForReply } from "./quote.server";

/**
 * A member's unposted text, one per place they write: a new thread
 * ("thread:new") or a reply to a thread ("reply:<thread id>"). Saved while
 * they type and when posting fails, restored in any browser, removed when
 * the post is made or they discard it. Every query is by the actor's own id:
 * nobody reads or discards another member's draft.
 */

export const draftKeys = {
  newThread: "thread:new",
  reply: (threadId: number) => `reply:${threadId}`,
};

const KEY = /^(thread:new|reply:[1-9]\d{0,14})$/;

export type Draft = { title: string | null; body: string; updatedAt: number };

function owner(actor: Actor) {
  ensure(actor, SignInRequired, "Sign in to keep a draft.");
  ensure(can.keepDrafts(actor), Forbidden, "You can't keep drafts right now.");
  return actor;
}

function checkedKey(key: string): string {
  ensure(KEY.test(key), Invalid, "draft", "That is not a place a draft can be kept.");
  return key;
}

/** Saves the text (an empty one discards the draft): the newest save wins. */
export async function saveDraft(actor: Actor, key: string, text: { title?: string | null; body: string }): Promise<void> {
  const { id } = owner(actor);
  checkedKey(key);
  const title = text.title?.slice(0, TITLE_MAX) || null;
  const body = text.body.slice(0, BODY_MAX);
  if (body.trim() === "" && !title?.trim()) return discardDraft(actor, key);
  const now = Date.now();
  await getDb()
    .insertInto("drafts")
    .values({ user_id: id, key, title, body, updated_at: now })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doUpdateSet({ title, body, updated_at: now }))
    .execute();
}

/** The actor's own draft for this place, or null. */
export async function getDraft(actor: Actor, key: string): Promise<Draft | null> {
  if (!actor || !can.keepDrafts(actor) || !KEY.test(key)) return null;
  const row = await getDb()
    .selectFrom("drafts")
    .select(["title", "body", "updated_at as updatedAt"])
    .where("user_id", "=", actor.id)
    .where("key", "=", key)
    .executeTakeFirst();
  return row ?? null;
}

export async function discardDraft(actor: Actor, key: string, db: Db = getDb()): Promise<void> {
  const { id } = owner(actor);
  await db.deleteFrom("drafts").where("user_id", "=", id).where("key", "=", checkedKey(key)).execute();
}

/** A post that was refused (a posting limit, a rate limit, a bad field): its text is kept as the draft, if the member may keep one. */
export async function keepRefusedText(actor: Actor, key: string, formData: FormData): Promise<void> {
  if (!actor || !can.keepDrafts(actor)) return;
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  await saveDraft(actor, key, { title: field("title"), body: field("body") ?? "" });
}

/** What a thread page's reply form starts with: the member's draft, then the post "Quote" asked for (`?quote=`). */
export async function replyFormStart(viewer: Actor, threadId: number, quote: string | null) {
  const key = draftKeys.reply(threadId);
  const [draft, quoted] = await Promise.all([getDraft(viewer, key), quoteForReply(viewer, threadId, quote)]);
  const text = [draft?.body.trimEnd(), quoted].filter(Boolean).join("\n\n");
  return { text: text || null, draft: { key, restoredAt: draft?.updatedAt ?? null } };
}
