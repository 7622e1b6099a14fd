/**
 * What the editor's toolbar buttons (and Ctrl/Cmd+B, I, K) do to the text:
 * plain Markdown inserted around or before the selection. Pure, so the
 * editor applies it and the tests check it without a browser.
 */

export type Format = "bold" | "italic" | "link" | "quote" | "code" | "bullets" | "numbers";

/** Replace text[from, to) by `insert`, then select [selectStart, selectEnd) of the new text. */
export type Edit = { from: number; to: number; insert: string; selectStart: number; selectEnd: number };

const wrap = (text: string, start: number, end: number, mark: string, placeholder: string): Edit => {
  const chosen = text.slice(start, end) || placeholder;
  return {
    from: start,
    to: end,
    insert: `${mark}${chosen}${mark}`,
    selectStart: start + mark.length,
    selectEnd: start + mark.length + chosen.length,
  };
};

/** The selection widened to whole lines, each line prefixed; the block set apart by blank lines. */
const prefixLines = (text: string, start: number, end: number, prefix: (index: number) => string, placeholder: string): Edit => {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end > start && text[end - 1] === "\n" ? end - 1 : end);
  const to = lineEnd === -1 ? text.length : lineEnd;
  const lines = (text.slice(from, to) || placeholder).split("\n");
  const before = from > 0 && text.slice(0, from) !== "" && !text.slice(0, from).endsWith("\n\n") ? "\n" : "";
  const block = lines.map((line, i) => `${prefix(i)}${line}`).join("\n");
  return { from, to, insert: before + block, selectStart: from + before.length, selectEnd: from + before.length + block.length };
};

export function formatEdit(format: Format, text: string, start: number, end: number): Edit {
  const selected = text.slice(start, end);
  switch (format) {
    case "bold":
      return wrap(text, start, end, "**", "bold text");
    case "italic":
      return wrap(text, start, end, "_", "italic text");
    case "code":
      if (selected.includes("\n")) {
        const insert = `\n\`\`\`\n${selected}\n\`\`\`\n`;
        return { from: start, to: end, insert, selectStart: start + 5, selectEnd: start + 5 + selected.length };
      }
      return wrap(text, start, end, "`", "code");
    case "link": {
      const label = selected || "link text";
      const insert = `[${label}](https://)`;
      // With text chosen, the address is what is left to type; without, the text.
      const at = selected ? start + label.length + 3 : start + 1;
      return { from: start, to: end, insert, selectStart: at, selectEnd: selected ? at + "https://".length : at + label.length };
    }
    case "quote":
      return prefixLines(text, start, end, () => "> ", "Quoted text");
    case "bullets":
      return prefixLines(text, start, end, () => "- ", "List item");
    case "numbers":
      return prefixLines(text, start, end, (i) => `${i + 1}. `, "List item");
  }
}

/** Ctrl/Cmd + this key applies the format. */
export const shortcuts: Partial<Record<string, Format>> = { b: "bold", i: "italic", k: "link" };

/** Text added after what is already written (a quote), set apart by a blank line, the cursor after it. */
export function appendEdit(text: string, insert: string): Edit {
  const gap = text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  const end = text.length + gap.length + insert.length;
  return { from: text.length, to: text.length, insert: gap + insert, selectStart: end, selectEnd: end };
}
