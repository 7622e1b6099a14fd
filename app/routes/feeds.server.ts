import { Feed } from "feed";
import { excerpt } from "~/utils/plain-text";
import type { listChangelog } from "~/models/changelog.server";
import type { FeedThread } from "~/models/feed.server";
import { siteUrl } from "~/http/site-url.server";
import { escapeMarkup } from "~/utils/escape";
import type { ShownStatus } from "~/utils/idea-status";
import { threadPath } from "~/utils/slug";

/**
 * Atom documents built with the feed package; every link is absolute. The
 * package marks titles and summaries as HTML, so our plain text is escaped
 * first: a title reads exactly as typed and can never carry markup.
 */

/** siteName: the name set at /admin/settings; the feed's author and the start of its title. */
type FeedMeta = { title: string; description: string; path: string; feedPath: string; siteName: string };

function newFeed(meta: FeedMeta, updated: number | null) {
  return new Feed({
    id: siteUrl(meta.feedPath),
    title: meta.title,
    description: meta.description,
    link: siteUrl(meta.path),
    language: "en",
    updated: new Date(updated ?? Date.now()),
    feedLinks: { atom: siteUrl(meta.feedPath) },
    author: { name: meta.siteName, link: siteUrl("/") },
    favicon: siteUrl("/favicon.svg"),
    copyright: "",
    generator: "Cocreate",
  });
}

/** `statusLabel`: the statuses as the site names them (statusLabelsNow). */
export function threadsAtom(meta: FeedMeta, threads: FeedThread[], statusLabel: (status: ShownStatus) => string): string {
  const feed = newFeed(meta, threads[0]?.createdAt ?? null);
  for (const t of threads) {
    const url = siteUrl(threadPath(t));
    feed.addItem({
      title: escapeMarkup(t.title),
      id: url,
      link: url,
      date: new Date(t.editedAt ?? t.createdAt),
      published: new Date(t.createdAt),
      description: escapeMarkup(excerpt(t.bodyHtml, 300)),
      content: t.bodyHtml,
      author: [{ name: escapeMarkup(t.authorDisplayName || t.authorUsername) }],
      category: [
        { name: t.productName, term: t.productName },
        { name: t.kind, term: t.kind },
        // An idea's status as shown everywhere: "merged" once it was merged into another.
        ...(t.kind === "idea" && t.status ? [{ name: statusLabel(t.status), term: t.status }] : []),
      ],
    });
  }
  return feed.atom1();
}

type ChangelogEntry = Awaited<ReturnType<typeof listChangelog>>["entries"][number];

/** Shipped ideas with their release note (the note staff wrote when shipping) and who co-designed them. */
export function changelogAtom(entries: ChangelogEntry[], siteName: string): string {
  const feed = newFeed(
    {
      siteName,
      title: `${siteName} changelog`,
      description: "Ideas from the community that have shipped.",
      path: "/changelog",
      feedPath: "/changelog/feed.xml",
    },
    entries[0]?.shippedAt ?? null,
  );
  for (const entry of entries) {
    const url = siteUrl(threadPath(entry));
    const names = entry.coDesigners.map((c) => c.displayName || c.username);
    const credits = names.length ? `<p>Co-designed with ${escapeMarkup(names.join(", "))}.</p>` : "";
    const note = entry.releaseNoteHtml || `<p>Shipped in ${escapeMarkup(entry.productName)}.</p>`;
    feed.addItem({
      title: escapeMarkup(`Shipped: ${entry.title}`),
      id: url,
      link: url,
      date: new Date(entry.shippedAt),
      description: escapeMarkup(excerpt(note, 300)),
      content: note + credits,
      category: [{ name: escapeMarkup(entry.productName), term: entry.productSlug }],
    });
  }
  return feed.atom1();
}

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
