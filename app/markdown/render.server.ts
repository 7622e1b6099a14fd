import { Marked, Renderer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeMarkup } from "~/utils/escape";
import { siteUrl } from "~/http/site-url.server";
import { MarkdownRefused, renderCostProblem, tooDeep, withinTimeLimit } from "./render-cost.server";

export { MarkdownRefused, MAX_NESTING, RENDER_TIME_LIMIT_MS } from "./render-cost.server";

/**
 * The only path from a user's text to HTML. Runs once, on write; pages only
 * output the stored result. marked does not sanitize, so everything it
 * produces passes through an allow-list: raw HTML, scripts, event handlers
 * and non-http(s)/mailto URLs never survive. What a render may cost is
 * bounded in ./render-cost.server.ts.
 */

/** The usernames the render in progress found (lowercase), and whether it is inside a link's text. */
let found: Set<string> = new Set();
let linkDepth = 0;

/**
 * `@username` where it starts a word (not inside an email address, a link or
 * code) is a mention. Usernames are `[a-z0-9_-]{3,30}`, as sign-up allows.
 * One pass of one regular expression over each piece of text: linear.
 */
const MENTION = /(^|[^\w@./-])@([a-zA-Z0-9_-]{3,30})(?![\w@-]|\.\w)/g;

function linkMentions(escapedText: string): string {
  return escapedText.replace(MENTION, (_match, before: string, name: string) => {
    const username = name.toLowerCase();
    found.add(username);
    return `${before}<a href="/users/${username}" class="mention">@${name}</a>`;
  });
}

/** An image's address if the site itself serves it (a path here, or this site's own URL), as a path; otherwise null. */
function ownImagePath(href: string): string | null {
  const own = new URL(siteUrl("/"));
  let url: URL;
  try {
    url = new URL(href, own);
  } catch {
    return null;
  }
  const isPath = href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
  if (url.origin !== own.origin || !(isPath || href.startsWith(own.origin))) return null;
  return url.pathname + url.search;
}

const defaults = new Renderer();

// Raw HTML in the source is shown as text rather than silently dropped.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escapeMarkup(text),
    text(token) {
      // Text with inline children comes back here piece by piece.
      if ("tokens" in token && token.tokens) return false;
      const html = defaults.text.call(this, token);
      return linkDepth > 0 ? html : linkMentions(html);
    },
    link(token) {
      // A mention inside a link's text would nest one link in another.
      linkDepth++;
      try {
        return defaults.link.call(this, token);
      } finally {
        linkDepth--;
      }
    },
    /** Only images the site serves itself: another host's image would tell it who reads the post. It becomes a link. */
    image(token: Tokens.Image) {
      const path = ownImagePath(token.href);
      if (path) return defaults.image.call(this, { ...token, href: path });
      const label = token.text || token.href;
      if (linkDepth > 0) return escapeMarkup(label);
      return this.link({
        type: "link",
        raw: token.raw,
        href: token.href,
        title: token.title,
        text: label,
        tokens: [{ type: "text", raw: label, text: label }],
      });
    },
  },
});

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "class"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { code: [/^language-[\w-]+$/], a: ["mention"] },
  allowedSchemes: ["http", "https", "mailto"],
  // Images keep only paths on this site (see ownImagePath); an address with a scheme never survives.
  allowedSchemesByTag: { img: [] },
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

export type Draft = {
  /** Sanitized HTML in which every `@name` is linked as a mention; linkKnownMentions keeps only real members'. */
  html: string;
  /** The distinct usernames the text mentions (lowercase, in order), ignoring code and links. */
  mentions: string[];
};

/**
 * Markdown to sanitized HTML, in one bounded pass. Throws MarkdownRefused
 * for text nested too deep or too slow to render; never anything else for
 * any text.
 */
export function renderDraft(source: string): Draft {
  const problem = renderCostProblem(source);
  if (problem) throw new MarkdownRefused(problem);
  const names = new Set<string>();
  const reset = () => {
    found = new Set();
    linkDepth = 0;
  };
  reset();
  try {
    return withinTimeLimit(() => {
      found = names;
      const html = sanitizeHtml(demoteHeadings(marked.parse(source, { async: false })), sanitizeOptions).trim();
      return { html, mentions: [...names] };
    });
  } catch (error) {
    // Nesting renderCostProblem can't see (indentation, lazy quotes) still ends in marked's recursion limit.
    if (error instanceof RangeError) throw new MarkdownRefused(tooDeep());
    throw error;
  } finally {
    reset();
  }
}

/** The mention links a render produced, as sanitized: `<a href="/users/x" class="mention" rel="…">@X</a>`. */
const MENTION_LINK = /<a href="\/users\/([a-z0-9_-]{3,30})" class="mention"[^>]*>(@[a-zA-Z0-9_-]{3,30})<\/a>/g;

/** Keeps the mention links of members who exist (`known`, lowercase); any other `@name` goes back to plain text. */
export function linkKnownMentions(html: string, known: ReadonlySet<string>): string {
  return html.replace(MENTION_LINK, (link, username: string, text: string) => (known.has(username) ? link : text));
}

/** The usernames a stored post links as mentions: who it mentioned when it was written. */
export function mentionsIn(html: string): string[] {
  return [...new Set([...html.matchAll(MENTION_LINK)].map((m) => m[1]!))];
}

/**
 * Markdown to sanitized HTML. `mentions` are the usernames (lowercase) that
 * exist: their `@username` becomes a link to the profile; others stay text.
 */
export function renderMarkdown(source: string, options: { mentions?: ReadonlySet<string> } = {}): string {
  return linkKnownMentions(renderDraft(source).html, options.mentions ?? new Set());
}

/** The distinct usernames a text mentions (lowercase, in order), ignoring code and links. */
export function extractMentions(source: string): string[] {
  return renderDraft(source).mentions;
}

/** How many links and images a rendered post carries (mentions aside): new members may post only a few. */
export function countLinks(html: string): number {
  return (html.match(/<img\s|<a\s(?![^>]*class="mention")/g) ?? []).length;
}
