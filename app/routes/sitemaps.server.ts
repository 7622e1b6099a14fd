import { listingSitemapEntries, threadSitemapCount, threadSitemapEntries } from "~/models/sitemap.server";
import { siteUrl } from "~/http/site-url.server";
import { threadPath } from "~/utils/slug";
import { sitemapIndexXml, urlsetXml } from "~/utils/sitemap";

/** /sitemap.xml lists /sitemap/pages.xml and /sitemap/threads-N.xml. */
export async function sitemapIndex(): Promise<string> {
  const count = await threadSitemapCount();
  const files = [siteUrl("/sitemap/pages.xml")];
  for (let n = 1; n <= count; n++) files.push(siteUrl(`/sitemap/threads-${n}.xml`));
  return sitemapIndexXml(files);
}

/** One file of the index, or null for a name that isn't one. */
export async function sitemapFile(name: string): Promise<string | null> {
  if (name === "pages.xml") {
    const { products, tags } = await listingSitemapEntries();
    return urlsetXml([
      { loc: siteUrl("/") },
      { loc: siteUrl("/tags") },
      ...products.map((slug) => ({ loc: siteUrl(`/products/${slug}`) })),
      ...tags.map((slug) => ({ loc: siteUrl(`/tags/${slug}`) })),
    ]);
  }
  const match = name.match(/^threads-([1-9]\d{0,6})\.xml$/);
  if (!match) return null;
  const file = Number(match[1]);
  if (file > (await threadSitemapCount())) return null;
  const threads = await threadSitemapEntries(file);
  return urlsetXml(threads.map((t) => ({ loc: siteUrl(threadPath(t)), lastmod: Math.max(t.lastActivityAt, t.editedAt ?? 0) })));
}
