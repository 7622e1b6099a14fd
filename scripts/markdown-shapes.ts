/**
 * Markdown shapes that cost marked (or our extensions) more than linear time
 * or stack, each filled up to `length` characters. Shared by the render-time
 * test (tests/unit/markdown-limits.test.ts) and the benchmark (scripts/bench-markdown.ts).
 */
export type Shape = { name: string; source: string };

const fill = (unit: string, length: number) => unit.repeat(Math.floor(length / unit.length));

export function pathologicalShapes(length: number): Shape[] {
  const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${" ".repeat(2 * i)}- level ${i}`).join("\n");
  let depth = 1;
  while (nestedList(depth + 1).length <= length) depth++;
  return [
    { name: "a_a_a_… (intraword underscores)", source: fill("a_", length) },
    { name: "_a _a … (openers without closers)", source: fill("_a ", length) },
    { name: "a_ a_ … (closers without openers)", source: fill("a_ ", length) },
    { name: "a+_a+_… (e-mail characters and underscores)", source: fill("a+_", length) },
    { name: "__a__a… (double underscores)", source: fill("__a", length) },
    { name: "a*a*a*…", source: fill("a*", length) },
    { name: "*a *a …", source: fill("*a ", length) },
    { name: "**a **a …", source: fill("**a ", length) },
    { name: "*_*_*_…", source: fill("*_", length) },
    { name: "a~a~a~…", source: fill("a~", length) },
    { name: "[[[[…", source: fill("[", length) },
    { name: "[a](… unclosed links", source: fill("[a](", length) },
    { name: "![![![… unclosed images", source: fill("![", length) },
    { name: "`a`a`a… backticks", source: fill("`a", length) },
    { name: "<a<a<a… tag starts", source: fill("<a", length) },
    { name: "\\\\\\… backslashes", source: fill("\\", length) },
    { name: "&#&#&#… entity starts", source: fill("&#", length) },
    { name: "@ab @ab … mentions", source: fill("@ab ", length) },
    { name: "a@b a@b … almost e-mail addresses", source: fill("a@b ", length) },
    { name: "@@@@… at signs", source: fill("@", length) },
    { name: "www.a www.a … bare links", source: fill("www.a ", length) },
    { name: "> > > … deep quote", source: `${fill("> ", length - 4)}deep` },
    { name: ">>>>… deep quote without spaces", source: `${fill(">", length - 4)}deep` },
    { name: "- - - … deep list", source: `${fill("- ", length - 4)}deep` },
    { name: "1. 1. 1. … deep ordered list", source: `${fill("1. ", length - 4)}deep` },
    { name: "> - > - … quotes in lists", source: `${fill("> - ", length - 4)}deep` },
    { name: `a list indented ${depth} levels deep`, source: nestedList(depth) },
    { name: "a table with thousands of columns", source: `${fill("|a", length / 2)}\n${fill("|-", length / 2 - 2)}` },
    { name: "thousands of reference definitions", source: fill("[a]: b\n", length) },
  ];
}

/** What a long, ordinary post looks like: paragraphs, lists, code, links, mentions and snake_case names. */
export function ordinaryLongPost(length: number): string {
  const section = [
    "## Exporting the ledger every night",
    "We run the export from `ledger_export_job` at 02:00 and load it with the **warehouse** loader. " +
      "It works well, but the `entity_id` column changes when we add a subsidiary, so @priya and I map it by hand.",
    "- the CSV has one row per journal_line_id\n- amounts are in the entity currency\n- totals match after the _second_ import",
    "> Could the export keep the old ids?\n> It would save us a day at month end.",
    "```sql\nselect entity_id, sum(amount) from journal_lines group by entity_id;\n```",
    "See [the docs](https://docs.example.com/ledger/export) and https://status.example.com for outages.",
  ].join("\n\n");
  let text = "";
  while (text.length + section.length + 2 <= length) text += `${section}\n\n`;
  return text;
}
