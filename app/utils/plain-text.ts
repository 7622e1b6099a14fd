const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * The readable text of stored HTML, for descriptions, feeds and structured
 * data. The result is plain text: whoever outputs it escapes it.
 *
 * Only for HTML that app/markdown made and sanitized: there, "<" and ">"
 * appear only as tag delimiters (text and attribute values have them
 * escaped) and nothing is a comment, script or style, so dropping every
 * tag leaves exactly the text. It runs in the browser too (the thread
 * page builds its structured data from the data it already has).
 */
export function plainText(html: string): string {
  let text = recent.get(html);
  if (text === undefined) {
    text = toPlainText(html);
    recent.set(html, text);
    if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value!);
  }
  return text;
}

/**
 * Parsing HTML is the costly part of a thread page's description and
 * structured data (its question, answer and ten replies, on every view), and
 * the same stored HTML always gives the same text: the last few thousand
 * results are kept.
 */
const REMEMBERED = 2000;
const recent = new Map<string, string>();

function toPlainText(html: string): string {
  const spaced = html.replace(/<(br|hr|\/p|\/li|\/h[1-6]|\/pre|\/blockquote|\/tr|\/td|\/th)\b[^>]*>/gi, "$& ");
  const stripped = spaced.replace(/<[^>]*>/g, "");
  return decodeEntities(stripped).replace(/\s+/g, " ").trim();
}

/** A short plain-text summary, cut at a word boundary. */
export function excerpt(html: string, length = 200): string {
  const text = plainText(html);
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
