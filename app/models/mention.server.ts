import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";
import { linkKnownMentions, mentionsIn, type Draft } from "~/markdown/render.server";
import { notify } from "./notification.server";

/** Only the first few people a post mentions are notified, so one post can't page the whole community. */
export const MAX_MENTION_NOTIFICATIONS = 10;

export type RenderedPost = { html: string; mentioned: { id: number; suspendedUntil: number | null }[] };

async function membersNamed(trx: Kysely<Database>, names: string[]) {
  return names.length ? trx.selectFrom("users").select(["id", "username", "suspended_until"]).where("username", "in", names).execute() : [];
}

/**
 * A post's final HTML inside its write's transaction: `@username` stays a
 * link to the profile only for members who exist. Returns who was
 * mentioned, for notifying after the write.
 */
export async function resolveMentions(trx: Kysely<Database>, draft: Draft): Promise<RenderedPost> {
  const users = await membersNamed(trx, draft.mentions);
  const byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const mentioned = draft.mentions.flatMap((name) => {
    const user = byName.get(name);
    return user ? [{ id: user.id, suspendedUntil: user.suspended_until }] : [];
  });
  return { html: linkKnownMentions(draft.html, new Set(byName.keys())), mentioned };
}

/**
 * Notifies the people a post newly mentions: never its author, nobody while
 * the post is out of public view (hidden, or in a hidden thread), no
 * suspended member, and at most MAX_MENTION_NOTIFICATIONS.
 * Returns who was notified, so a reply's watchers aren't told twice.
 */
export async function notifyMentions(
  trx: Transaction<Database>,
  post: { threadId: number; postId: number | null; authorId: number; public: boolean },
  rendered: RenderedPost,
  alreadyMentioned: ReadonlySet<number> = new Set(),
): Promise<number[]> {
  if (!post.public) return [];
  const now = Date.now();
  const recipients = rendered.mentioned
    .filter((u) => u.id !== post.authorId && !alreadyMentioned.has(u.id))
    .filter((u) => u.suspendedUntil === null || u.suspendedUntil <= now)
    .slice(0, MAX_MENTION_NOTIFICATIONS)
    .map((u) => u.id);
  await notify(trx, recipients, { kind: "mention", threadId: post.threadId, postId: post.postId, actorId: post.authorId });
  return recipients;
}

/** Who the stored version of a post mentioned (read from its HTML, not rendered again), so an edit notifies only people it adds. */
export async function previouslyMentioned(trx: Transaction<Database>, storedHtml: string): Promise<Set<number>> {
  return new Set((await membersNamed(trx, mentionsIn(storedHtml))).map((u) => u.id));
}
