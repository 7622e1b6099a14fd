import vm from "node:vm";

/**
 * No text a member submits may cost more than a small, fixed time to render
 * (one post could otherwise stall the server). Within the length limit
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

export const tooDeep = (line?: number) =>
  `Quotes and lists can be nested at most ${MAX_NESTING} levels deep` +
  (line ? `; line ${line} goes deeper.` : "; this text goes deeper.") +
  " Flatten it and try again.";

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
export function withinTimeLimit<T>(job: () => T): T {
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
