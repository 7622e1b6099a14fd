import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * The only path from a user's text to HTML. Runs once, on write; pages only
 * output the stored result. marked does not sanitize, so everything it
 * produces passes through an allow-list: raw HTML, scripts, event handlers
 * and non-http(s)/mailto URLs never survive.
 */

// Raw HTML in the source is shown as text rather than silently dropped.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "img", "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }),
    // Task-list checkboxes are the only inputs marked produces; keep them inert.
    input: (tagName, attribs) =>
      attribs.type === "checkbox"
        ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } }
        : { tagName: "span", attribs: {} },
  },
  exclusiveFilter: (frame) => frame.tag === "span" && !frame.text.trim(),
};

/** Headings in posts are demoted so a post never competes with the page's own h1/h2. */
function demoteHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-6])\b/g, (_m, slash: string, level: string) => {
    return `<${slash}h${Math.min(Number(level) + 2, 6)}`;
  });
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return sanitizeHtml(demoteHeadings(html), sanitizeOptions).trim();
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
