/** The markers FTS5 puts around matched words in a snippet; control characters, so never typed text. */
export const HIT_START = "\u0002";
export const HIT_END = "\u0003";

export type SnippetPart = { text: string; hit: boolean };

/** Markdown punctuation that reads as noise in a plain-text excerpt. */
function tidy(text: string): string {
  return text
    .replace(/\]\([^)\s]*\)?/g, "")
    .replace(/\*\*|__|`+|~~|!\[|\[|\]/g, "")
    .replace(/(^|\n)\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/g, "$1")
    .replace(/\s+/g, " ");
}

/**
 * Splits a marked snippet into plain-text parts. The page renders each part
 * as text (React escapes it) and wraps hits in <mark>: user text never
 * becomes HTML.
 */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), hit: false });
    const end = rest.indexOf(HIT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), hit: true });
    rest = rest.slice(stop + 1);
  }
  return parts
    .map((p) => ({ ...p, text: tidy(p.text).split(HIT_START).join("").split(HIT_END).join("") }))
    .filter((p) => p.text.length > 0);
}
