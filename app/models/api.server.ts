import { getDb } from "~db/client.server";
import type { IdeaStatus, ThreadKind } from "~db/schema";
import { siteUrl } from "~/http/site-url.server";
import { threadPath } from "~/utils/slug";
import { creditsByThread } from "./idea.server";
import { publicTargetRelease } from "./idea-plan.server";
import { mergedIntoId, publicContent, shownStatus, withStatus } from "./content.server";
import { ensure, NotFound } from "./errors.server";

/**
 * The public JSON API's reads. They return exactly what a visitor can see
 * (publicContent), whoever asks: hidden and deleted content, staff notes and
 * personal data (emails, roles beyond "staff") never appear.
 */

export type ApiThreadFilter = {
  productId?: number | null;
  kind?: ThreadKind | null;
  status?: IdeaStatus | null;
  solved?: boolean | null;
};

export async function listApiProducts() {
  const products = await getDb()
    .selectFrom("products")
    .select(["slug", "name", "description"])
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return products.map((p) => ({ ...p, url: siteUrl(`/products/${p.slug}`) }));
}

/** Visible threads with the fields every API answer about a thread carries. */
function visibleThreads() {
  return getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.kind",
      // "merged", with mergedIntoId naming the idea that took its votes.
      shownStatus().as("status"),
      mergedIntoId().as("mergedIntoId"),
      "threads.vote_count as voteCount",
      "threads.reply_count as replyCount",
      "threads.accepted_answer_post_id as acceptedAnswerId",
      "threads.co_designed_at as coDesignedAt",
      // "2027-03" or "2027-Q1" when staff made the target public, else null.
      publicTargetRelease().as("targetRelease"),
      "threads.created_at as createdAt",
      "threads.last_activity_at as lastActivityAt",
      "products.slug as product",
      "users.username as author",
    ])
    .where(publicContent());
}

/** Newest first; the cursor is the last thread's id, so pages stay stable while new threads arrive. */
export async function listApiThreads(filter: ApiThreadFilter, before: number | null, limit: number) {
  let query = visibleThreads();
  if (filter.productId) query = query.where("threads.product_id", "=", filter.productId);
  if (filter.kind) query = query.where("threads.kind", "=", filter.kind);
  if (filter.status) query = query.where(withStatus(filter.status));
  if (filter.solved !== null && filter.solved !== undefined) {
    query = query.where("threads.kind", "=", "question").where("threads.accepted_answer_post_id", filter.solved ? "is not" : "is", null);
  }
  if (before) query = query.where("threads.id", "<", before);
  const rows = await query
    .orderBy("threads.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    threads: page.map(publicThread),
    nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
  };
}

function publicThread<T extends { id: number; title: string; createdAt: number; lastActivityAt: number; coDesignedAt: number | null }>(
  row: T,
) {
  const { coDesignedAt, createdAt, lastActivityAt, ...rest } = row;
  return {
    ...rest,
    coDesigned: coDesignedAt !== null,
    createdAt: new Date(createdAt).toISOString(),
    lastActivityAt: new Date(lastActivityAt).toISOString(),
    url: siteUrl(threadPath(row)),
  };
}

/** One thread with its visible replies, its accepted answer and its co-designers. */
export async function getApiThread(id: number) {
  const db = getDb();
  const thread = await visibleThreads()
    .select(["threads.body", "threads.body_html as bodyHtml", "threads.locked"])
    .where("threads.id", "=", id)
    .executeTakeFirst();
  ensure(thread, NotFound, "We couldn't find that thread.");
  const [replies, credits] = await Promise.all([
    db
      .selectFrom("posts")
      .innerJoin("users", "users.id", "posts.author_id")
      .select([
        "posts.id",
        "users.username as author",
        "posts.body",
        "posts.body_html as bodyHtml",
        "posts.created_at as createdAt",
        "posts.edited_at as editedAt",
      ])
      .where("posts.thread_id", "=", id)
      .where(publicContent("posts"))
      .orderBy("posts.id")
      .execute(),
    creditsByThread([id]),
  ]);
  return {
    ...publicThread(thread),
    locked: thread.locked === 1,
    coDesigners: (credits.get(id) ?? []).map((c) => ({ username: c.username, contribution: c.contribution })),
    replies: replies.map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt).toISOString(),
      editedAt: r.editedAt ? new Date(r.editedAt).toISOString() : null,
    })),
  };
}
