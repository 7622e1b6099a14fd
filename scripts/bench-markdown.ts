/**
 * How long rendering a post costs, on every shape known to be expensive for
 * marked (scripts/markdown-shapes.ts) at the longest length a post may have,
 * and on an ordinary long post. No database or server needed:
 *
 *   npx tsx scripts/bench-markdown.ts        (or BENCH_ONLY=markdown npm run bench)
 *
 * Each shape renders RUNS times in this process; the median and the slowest
 * run are reported, with whether the text rendered or was refused (deep
 * nesting, or the render time limit).
 */
import { pathToFileURL } from "node:url";
import { MarkdownRefused, RENDER_TIME_LIMIT_MS, renderDraft } from "~/markdown/render.server";
import { BODY_MAX } from "~/utils/form-limits";
import { ordinaryLongPost, pathologicalShapes } from "./markdown-shapes";

const RUNS = 5;

export type MarkdownRow = { shape: string; chars: number; medianMs: number; maxMs: number; outcome: "rendered" | "refused" };

function measure(shape: string, source: string): MarkdownRow {
  const times: number[] = [];
  let outcome: MarkdownRow["outcome"] = "rendered";
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    try {
      renderDraft(source);
    } catch (error) {
      if (!(error instanceof MarkdownRefused)) throw error;
      outcome = "refused";
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { shape, chars: source.length, medianMs: round(times[Math.floor(RUNS / 2)]!), maxMs: round(times[RUNS - 1]!), outcome };
}

export function benchMarkdown() {
  const rows = pathologicalShapes(BODY_MAX).map(({ name, source }) => measure(name, source));
  const worst = rows.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  const ordinary = measure("an ordinary long post", ordinaryLongPost(BODY_MAX));
  return { bodyMax: BODY_MAX, timeLimitMs: RENDER_TIME_LIMIT_MS, runs: RUNS, worst, ordinary, shapes: rows };
}

export function markdownTable(result: ReturnType<typeof benchMarkdown>): string {
  return [
    `| markdown render (${result.bodyMax.toLocaleString("en")} chars, limit ${result.timeLimitMs} ms) | median ms | slowest ms | outcome |`,
    "|---|---|---|---|",
    ...[...result.shapes, result.ordinary].map((r) => `| ${r.shape} | ${r.medianMs} | ${r.maxMs} | ${r.outcome} |`),
    `| **worst case: ${result.worst.shape}** | ${result.worst.medianMs} | ${result.worst.maxMs} | ${result.worst.outcome} |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(markdownTable(benchMarkdown()));
}
