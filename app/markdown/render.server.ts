import { Marked, type Tokens, type TokenizerAndRendererExtension } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * The only path from a user's text to HTML. Runs once, on write; pages only
 * output the stored result. marked does not sanitize, so everything it
 * produces passes through an allow-list: raw HTML, scripts, event handlers
 * and non-http(s)/mailto URLs never survive.
 */

/** The usernames that exist, for the render in progress: only they become profile links. */
let knownMentions: ReadonlySet<string> = new Set();

type MentionToken = Tokens.Generic & { username: string };

/**
 * `@username` where it starts a word (not inside an email address or a code
 * span) is a mention. Usernames are `[a-z0-9_-]{3,30}`, as sign-up allows.
 */
const mention: TokenizerAndRendererExtension = {
  name: "mention",
  level: "inline",
  start(src) {
    const match = /(^|[^\w@.\/-])@[a-zA-Z0-9_-]{3,30}/.exec(src);
    return match ? match.index + match[1]!.length : undefined;
  },
  tokenizer(src) {
    // A mention inside a link's text would nest one link in another.
    if (this.lexer.state.inLink) return undefined;
    const match = /^@([a-zA-Z0-9_-]{3,30})(?![\w@-]|\.\w)/.exec(src);
    if (!match) return undefined;
    return { type: "mention", raw: match[0], username: match[1]!.toLowerCase() };
  },
  renderer(token) {
    const { username, raw } = token as MentionToken;
    return knownMentions.has(username) ? `<a href="/users/${username}" class="mention">@${username}</a>` : escapeHtml(raw);
  },
};

// Raw HTML in the source is shown as text rather than silently dropped.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
  extensions: [mention],
});

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "img", "input",
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

/**
 * Markdown to sanitized HTML. `mentions` are the usernames (lowercase) that
 * exist: their `@username` becomes a link to the profile; others stay text.
 */
export function renderMarkdown(source: string, options: { mentions?: ReadonlySet<string> } = {}): string {
  knownMentions = options.mentions ?? new Set();
  try {
    const html = marked.parse(source, { async: false });
    return sanitizeHtml(demoteHeadings(html), sanitizeOptions).trim();
  } finally {
    knownMentions = new Set();
  }
}

/** The distinct usernames a text mentions (lowercase, in order), ignoring code and links. */
export function extractMentions(source: string): string[] {
  const names = new Set<string>();
  marked.walkTokens(marked.lexer(source), (token) => {
    if (token.type === "mention") names.add((token as MentionToken).username);
  });
  return [...names];
}

/** How many links and images a rendered post carries (mentions aside): new members may post only a few. */
export function countLinks(html: string): number {
  return (html.match(/<img\s|<a\s(?![^>]*class="mention")/g) ?? []).length;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
