import type { getThreadPage } from "~/models/thread.server";
import { excerpt } from "~/utils/plain-text";
import { siteUrl } from "~/http/site-url.server";
import { threadPagePath } from "~/utils/slug";

/** Description, canonical URL and the neighbouring pages, from visible content only; the structured data is built on the page (ThreadStructuredData). */
export function threadSeo({ thread, hidden, pagination: { page, pageCount } }: Awaited<ReturnType<typeof getThreadPage>>) {
  const canonical = siteUrl(threadPagePath(thread, page));
  const visible = !hidden && thread.deletedAt === null;
  const pager = {
    prev: page > 1 ? threadPagePath(thread, page - 1) : null,
    next: page < pageCount ? threadPagePath(thread, page + 1) : null,
  };
  return { seo: { description: visible ? excerpt(thread.bodyHtml) : "", canonical, pager } };
}
