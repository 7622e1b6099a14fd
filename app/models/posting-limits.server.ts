import type { Transaction } from "kysely";
import { forUpdate } from "~db/engine.server";
import type { Database, Db } from "~db/schema";
import { isStaff, type Actor } from "~/auth/permissions.server";
import { countLinks } from "~/markdown/render.server";
import { config } from "~/config.server";
import { duration } from "~/http/rate-limit.server";
import { publicContent } from "./content.server";
import { Invalid, RateLimited } from "./errors.server";

/**
 * Limits on new members, who are where spam comes from. They lift for good
 * once a member has been around a while and contributed: the trusted level.
 * Every number is configurable (see docs/operations.md).
 */
export function postingLimits() {
  const settings = config();
  return {
    newMemberHours: settings.NEW_MEMBER_HOURS,
    threadsPerDay: settings.NEW_MEMBER_THREADS_PER_DAY,
    repliesPerDay: settings.NEW_MEMBER_REPLIES_PER_DAY,
    minGapSeconds: settings.NEW_MEMBER_MIN_GAP_SECONDS,
    maxLinks: settings.NEW_MEMBER_MAX_LINKS,
    trustedAfterPosts: settings.TRUSTED_AFTER_POSTS,
  };
}

/** An edit is held only to the link limit: it adds no new post. */
export type PostingKind = "thread" | "reply" | "edit";

export type PostingLimit = { message: string; status: 400 | 429; retryAfterSeconds?: number };

const DAY = 24 * 3600 * 1000;

/**
 * Where a member stands: trusted already, or promoted now that they qualify
 * (around NEW_MEMBER_HOURS and TRUSTED_AFTER_POSTS visible posts), or still
 * new, with their visible posts' times.
 */
async function standing(db: Db, userId: number, now: number) {
  const user = await db.selectFrom("users").select(["trust_level", "created_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user || user.trust_level > 0) return { trusted: true } as const;
  const [threads, replies] = await Promise.all([
    db.selectFrom("threads").select("threads.created_at").where("threads.author_id", "=", userId).where(publicContent()).execute(),
    db.selectFrom("posts").select("posts.created_at").where("posts.author_id", "=", userId).where(publicContent("posts")).execute(),
  ]);
  const limits = postingLimits();
  const settledIn = now - user.created_at >= limits.newMemberHours * 3600 * 1000;
  if (settledIn && threads.length + replies.length >= limits.trustedAfterPosts) {
    await db.updateTable("users").set({ trust_level: 1 }).where("id", "=", userId).execute();
    return { trusted: true } as const;
  }
  return { trusted: false, threads, replies } as const;
}

/** Staff, and members who have reached the trusted level (promoted here if they now qualify). */
export async function isTrusted(db: Db, actor: NonNullable<Actor>, now = Date.now()): Promise<boolean> {
  return isStaff(actor) || (await standing(db, actor.id, now)).trusted;
}

/**
 * Whether a member may post this now, and if not, what to tell them. Staff
 * and trusted members are never limited; a new member who now qualifies is
 * promoted to trusted here.
 */
export async function postingLimitFor(
  db: Db,
  actor: NonNullable<Actor>,
  kind: PostingKind,
  /** The post's HTML, for counting its links. */
  html: string,
  now = Date.now(),
): Promise<PostingLimit | null> {
  if (isStaff(actor)) return null;
  const member = await standing(db, actor.id, now);
  if (member.trusted) return null;
  const { threads, replies } = member;
  const limits = postingLimits();
  const since = now - DAY;

  const links = countLinks(html);
  if (links > limits.maxLinks) {
    return {
      status: 400,
      message: `New members can include at most ${limits.maxLinks} links or images in a post; this one has ${links}. Remove some and post again. The limit lifts once you've been around a little longer.`,
    };
  }
  if (kind === "edit") return null;
  const last = Math.max(0, ...threads.map((t) => t.created_at), ...replies.map((r) => r.created_at));
  const gapLeft = Math.ceil((last + limits.minGapSeconds * 1000 - now) / 1000);
  if (gapLeft > 0) {
    return {
      status: 429,
      retryAfterSeconds: gapLeft,
      message: `New members wait ${duration(limits.minGapSeconds)} between posts. Please try again in ${duration(gapLeft)}; your text is kept.`,
    };
  }
  const recent = (kind === "thread" ? threads : replies).map((p) => p.created_at).filter((t) => t > since);
  const cap = kind === "thread" ? limits.threadsPerDay : limits.repliesPerDay;
  if (recent.length >= cap) {
    const retryAfterSeconds = Math.ceil((Math.min(...recent) + DAY - now) / 1000);
    const what = kind === "thread" ? "threads" : "replies";
    return {
      status: 429,
      retryAfterSeconds,
      message: `New members can post ${cap} ${what} a day, and you've reached that. You can post again in ${duration(retryAfterSeconds)}; your text is kept.`,
    };
  }
  return null;
}

/**
 * The check inside a write's transaction, with the post's one render: a
 * refusal that the page shows next to the text (its body), keeping it.
 */
export async function assertWithinPostingLimits(trx: Transaction<Database>, actor: NonNullable<Actor>, kind: PostingKind, html: string) {
  // The member's row locked until the post is written: two posts sent at once are counted one after the other.
  if (!isStaff(actor)) await forUpdate(trx.selectFrom("users").select("id").where("id", "=", actor.id)).execute();
  const limit = await postingLimitFor(trx, actor, kind, html);
  if (!limit) return;
  throw limit.status === 429 ? new RateLimited("body", limit.message, limit.retryAfterSeconds) : new Invalid("body", limit.message);
}
