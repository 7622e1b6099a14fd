import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { siteUrl } from "~/http/site-url.server";
import { listChangelog } from "~/models/changelog.server";
import { getEmbedOrigins, getSiteSettings } from "~/models/site-settings.server";
import { escapeMarkup } from "~/utils/escape";
import { threadPath } from "~/utils/slug";

const SHOWN = 10;

const STYLE = `body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2433;background:#fff}
main{padding:12px 14px}h1{font-size:1rem;margin:0 0 8px}ol{list-style:none;margin:0;padding:0}
li{padding:8px 0;border-top:1px solid #e3e6ee}a{color:#1d4fa8}.meta{color:#545b70;font-size:.85rem;margin:2px 0 0}
.more{margin:10px 0 0;font-size:.9rem}`;
// The one inline style, allowed by its hash: nothing else may load or run in the frame.
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/**
 * The latest shipped ideas with their co-designers, as a small page a company
 * puts in its own product with an iframe. Only the origins an admin lists at
 * /admin/settings may frame it (frame-ancestors, sent on this route only);
 * every other page still refuses framing. Links open the forum in a new tab.
 */
export async function loader(_: LoaderFunctionArgs) {
  const [{ entries }, site, origins] = await Promise.all([listChangelog(null, SHOWN), getSiteSettings(), getEmbedOrigins()]);
  const link = (path: string, text: string) =>
    `<a href="${escapeMarkup(siteUrl(path))}" target="_blank" rel="noopener">${escapeMarkup(text)}</a>`;
  const items = entries.map((entry) => {
    const shipped = new Date(entry.shippedAt).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
    const people = entry.coDesigners.map((person) => escapeMarkup(person.displayName || person.username)).join(", ");
    return `<li>${link(threadPath(entry), entry.title)}<p class="meta">${escapeMarkup(entry.productName)} · shipped ${escapeMarkup(shipped)}${
      people ? ` · co-designed with ${people}` : ""
    }</p></li>`;
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(site.siteName)} changelog</title><style>${STYLE}</style></head>
<body><main><h1>Recently shipped at ${escapeMarkup(site.siteName)}</h1>${
    items.length ? `<ol>${items.join("")}</ol>` : "<p>Nothing has shipped yet.</p>"
  }<p class="more">${link("/changelog", "The whole changelog")}</p></main></body></html>`;
  const ancestors = origins.length ? origins.join(" ") : "'none'";
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
      "Cache-Control": "no-cache",
    },
  });
}
