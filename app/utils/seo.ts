import type { MetaDescriptor } from "@remix-run/node";
import type { PagerLinks } from "~/utils/list-params";

/** Head tags shared by the pages search engines and link previews read. */

export type PageSeo = {
  title: string;
  description: string;
  /** Absolute URL of the page's one true address. */
  canonical: string;
  type?: "website" | "article";
  /** The name set at /admin/settings (siteNameIn in utils/meta.ts). */
  siteName: string;
};

export function seoMeta(seo: PageSeo): MetaDescriptor[] {
  return [
    { title: seo.title },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.canonical },
    { property: "og:site_name", content: seo.siteName },
    { property: "og:type", content: seo.type ?? "website" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.canonical },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: seo.title },
    { name: "twitter:description", content: seo.description },
  ];
}

export function pagerMeta(links: Pick<PagerLinks, "prev" | "next">): MetaDescriptor[] {
  return [
    ...(links.prev ? [{ tagName: "link", rel: "prev", href: links.prev }] : []),
    ...(links.next ? [{ tagName: "link", rel: "next", href: links.next }] : []),
  ];
}

/**
 * JSON for a <script type="application/ld+json">: "<", ">" and "&" are
 * escaped so no text inside (a title with "</script>") can end the element.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
