import vm from "node:vm";
import { Marked, Renderer, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { siteUrl } from "~/utils/site-url.server";

/**
 * The only path from a user's text to HTML. Runs once, on write; pages only
 * output the stored result. marked does not sanitize, so everything it
 * produces passes through an allow-list: raw HTML, scripts, event handlers
 * and non-http(s)/mailto URLs never survive.
 *
 * No text may cost more than a small, fixed time to render (a member could
 * otherwise stall the server with one post). Within the length limit
 * (BODY_MAX) an ordinary post renders in 10–20 ms of CPU; the shapes that
 * cost more are refused, each with what to change:
 * - quotes and lists nested deeper than MAX_NESTING (marked recurses per
 *   level and overflows the stack in the thousands);
 * - long runs without spaces full of `_`, `*`, `~` or backticks
 *   (`a_a_a_…`, `a+_a+_…`): marked's inline lexer rescans such a run for an
 *   e-mail address at every one of them, which is quadratic. Their cost is
 *   counted before rendering (lexerRescans);
 * - anything else still running after RENDER_TIME_LIMIT_MS is stopped. The
 *   limit is wall-clock time, so it sits well above what any ordinary post
 *   costs on a busy machine; the known shapes never get near it.
 */

/** How long one render may run before it is stopped and the text refused: the bound for shapes nobody has found yet. */
export const RENDER_TIME_LIMIT_MS = 1_000;
/** How many characters marked's inline lexer may read again (see lexerRescans): about 10 ms. */
export const MAX_LEXER_RESCANS = 5_000_000;
/** How deep quotes and lists may nest (`> > >`, `- - -`); marked recurses once per level. */
export const MAX_NESTING = 20;

/** Text we refuse to render; the message tells its author what to change. */
export class MarkdownRefused extends Error {}

const TOO_SLOW =
  "This text takes too long to format, usually because of a very long stretch without spaces full of _, * or ` characters. " +
  "Add spaces, or put code between lines of ``` so it is shown as it is.";
const tooDeep = (line?: number) =>
  `Quotes and lists can be nested at most ${MAX_NESTING} levels deep` +
  (line ? `; line ${line} goes deeper.` : "; this text goes deeper.") +
  " Flatten it and try again.";

/** The usernames the render in progress found (lowercase), and whether it is inside a link's text. */
let found: Set<string> = new Set();
let linkDepth = 0;

/**
 * `@username` where it starts a word (not inside an email address, a link or
 * code) is a mention. Usernames are `[a-z0-9_-]{3,30}`, as sign-up allows.
 * One pass of one regular expression over each piece of text: linear.
 */
const MENTION = /(^|[^\w@.\/-])@([a-zA-Z0-9_-]{3,30})(?![\w@-]|\.\w)/g;

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
    html: ({ text }) => escapeHtml(text),
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
      if (linkDepth > 0) return escapeHtml(label);
      return this.link({ type: "link", raw: token.raw, href: token.href, title: token.title, text: label, tokens: [{ type: "text", raw: label, text: label }] });
    },
  },
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

/** Quote and list markers opening a line: `> `, `- `, `* `, `+ `, `1. `, `1) `, with any spaces between. */
const CONTAINER_MARKERS = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Characters an e-mail address may contain ([A-Za-z0-9.!#$%&'*+/=?_`{|}~-]): marked's text rule looks ahead over runs of them. */
const EMAIL_CHARACTER = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?_`{|}~-") EMAIL_CHARACTER[c.charCodeAt(0)] = 1;
/** Where marked's text rule ends a piece of text inside such a run. */
const TEXT_BREAK = new Set(["!", "`", "*", "~", "_"].map((c) => c.charCodeAt(0)));

/**
 * How many characters marked's inline lexer will read again on this line:
 * within a run of e-mail characters, every break (`_`, `*` …) starts a new
 * piece of text whose look-ahead for an `@` reads to the end of the run. A
 * run costs about breaks × length; `a_a_a_…` of 20,000 characters, 2·10⁸.
 */
function lexerRescans(line: string): number {
  let total = 0;
  let runLength = 0;
  let breaks = 0;
  for (let i = 0; i <= line.length; i++) {
    const code = i < line.length ? line.charCodeAt(i) : 0;
    if (code < 128 && EMAIL_CHARACTER[code]) {
      runLength++;
      if (TEXT_BREAK.has(code)) breaks++;
      continue;
    }
    total += breaks * runLength;
    runLength = 0;
    breaks = 0;
  }
  return total;
}

/**
 * Why this text would cost too much to render, found in one pass over its
 * lines (fenced code aside, which marked takes as it is); or null.
 */
export function renderCostProblem(source: string): string | null {
  let fence: string | null = null;
  let rescans = 0;
  let lineNumber = 0;
  for (const line of source.split("\n")) {
    lineNumber++;
    const prefix = CONTAINER_MARKERS.exec(line)?.[0] ?? "";
    const opening = FENCE.exec(line.slice(prefix.length))?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = null;
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    if ((prefix.match(/>|[-+*]|\d{1,9}[.)]/g) ?? []).length > MAX_NESTING) return tooDeep(lineNumber);
    rescans += lexerRescans(line);
  }
  return rescans > MAX_LEXER_RESCANS ? TOO_SLOW : null;
}

/**
 * Runs `job` and stops it after RENDER_TIME_LIMIT_MS. Node's vm timeout
 * interrupts whatever JavaScript the job runs, marked included; the job's
 * own cleanup may then not have run, so callers reset their state first.
 */
const sandbox = vm.createContext({ job: null as (() => unknown) | null });
const runJob = new vm.Script("job()");
function withinTimeLimit<T>(job: () => T): T {
  sandbox.job = job;
  try {
    return runJob.runInContext(sandbox, { timeout: RENDER_TIME_LIMIT_MS }) as T;
  } catch (error) {
    if ((error as { code?: string })?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new MarkdownRefused(TOO_SLOW);
    throw error;
  } finally {
    sandbox.job = null;
  }
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

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
