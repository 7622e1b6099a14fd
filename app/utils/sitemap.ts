import { escapeMarkup } from "~/utils/escape";

/** Sitemap protocol documents (sitemaps.org). Every value is XML-escaped. */

export type SitemapUrl = { loc: string; lastmod?: number | null };

const lastmod = (ms?: number | null) => (ms ? `<lastmod>${new Date(ms).toISOString()}</lastmod>` : "");

export function urlsetXml(urls: SitemapUrl[]): string {
  const body = urls.map((u) => `<url><loc>${escapeMarkup(u.loc)}</loc>${lastmod(u.lastmod)}</url>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

export function sitemapIndexXml(sitemaps: string[]): string {
  const body = sitemaps.map((loc) => `<sitemap><loc>${escapeMarkup(loc)}</loc></sitemap>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

export function xmlResponse(xml: string): Response {
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
