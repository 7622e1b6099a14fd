import { getDb } from "~db/client.server";
import { publicContent, withStatus } from "./content.server";
import { creditsByThread } from "./idea.server";

const PAGE_SIZE = 20;

/** A changelog page starts after this (shipped time, id); older pages never rescan newer ones. */
export type ChangelogCursor = { shippedAt: number; id: number };

export function parseChangelogCursor(value: string | null): ChangelogCursor | null {
  const match = value?.match(/^(\d{1,15})\.(\d{1,15})$/);
  return match ? { shippedAt: Number(match[1]), id: Number(match[2]) } : null;
}

/**
 * Shipped ideas, newest first, with the note staff wrote when shipping it
 * (the release note) and the co-designers credited. A public document, like
 * its feed: what everyone may see, merged ideas left out.
 */
export async function listChangelog(after: ChangelogCursor | null = null, limit = PAGE_SIZE) {
  let query = getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select((eb) => [
      "threads.id",
      "threads.title",
      "threads.vote_count as voteCount",
      "threads.co_designed_at as coDesignedAt",
      "threads.status_changed_at as shippedAt",
      "products.slug as productSlug",
      "products.name as productName",
      eb
        .selectFrom("status_changes")
        .select("status_changes.note_html")
        .whereRef("status_changes.thread_id", "=", "threads.id")
        .where("status_changes.to_status", "=", "shipped")
        .orderBy("status_changes.id", "desc")
        .limit(1)
        .as("releaseNoteHtml"),
    ])
    .where(withStatus("shipped"))
    .where(publicContent());
  if (after) {
    query = query.where((eb) => eb(eb.refTuple("threads.status_changed_at", "threads.id"), "<", eb.tuple(after.shippedAt, after.id)));
  }
  const rows = await query
    .orderBy("threads.status_changed_at", "desc")
    .orderBy("threads.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const credits = await creditsByThread(page.map((row) => row.id));
  const last = page[page.length - 1];
  return {
    entries: page.map((row) => ({
      ...row,
      shippedAt: row.shippedAt ?? 0,
      releaseNoteHtml: row.releaseNoteHtml ?? "",
      coDesigners: credits.get(row.id) ?? [],
    })),
    nextCursor: rows.length > limit && last ? `${last.shippedAt ?? 0}.${last.id}` : null,
  };
}
