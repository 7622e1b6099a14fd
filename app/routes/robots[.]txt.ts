import { siteUrl } from "~/http/site-url.server";

/** Crawlers may read every public page; forms, accounts and staff pages are no use to them. */
export function loader() {
  const lines = [
    "User-agent: *",
    "Disallow: /admin",
    "Disallow: /login",
    "Disallow: /signup",
    "Disallow: /notifications",
    "Disallow: /settings",
    "Disallow: /threads/new",
    "Disallow: /threads/similar",
    "Disallow: /search",
    "Allow: /",
    "",
    `Sitemap: ${siteUrl("/sitemap.xml")}`,
    "",
  ];
  return new Response(lines.join("\n"), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
