/**
 * npm run bench — builds the app, serves it from a copy of bench/bench.db
 * (npm run bench:data makes it) and measures it with autocannon next to a
 * bare node:http baseline (scripts/bench-baseline.tsx) rendering the same
 * thread page. Prints one table and writes bench/results.json.
 *
 * Two rounds: "uncached" runs the server with PAGE_CACHE=off (what the
 * framework costs on every request); "cached" runs it as deployed (what a
 * visitor gets). The baseline's thread page runs right before the app's in
 * each round, and the ratio compares the two.
 *
 * First, "markdown render" times rendering the most expensive Markdown
 * shapes at the longest a post may be (scripts/bench-markdown.ts); it needs
 * neither the dataset nor a server, so BENCH_ONLY=markdown runs it alone.
 *
 * While trying things: BENCH_DURATION (seconds, default 10) shortens a run;
 * BENCH_ONLY=search,reply runs only the scenarios whose names contain one of
 * those words, and BENCH_MODES=uncached runs only that round. A partial run
 * prints its table but leaves bench/results.json alone.
 *
 * Other setups (README, "Several processes and PostgreSQL"); bench/results.json is
 * only ever written by a full run of the default, one SQLite process:
 * - CLUSTER_WORKERS=2 serves the app from two worker processes sharing the
 *   port (node:cluster), as a deployment with that setting does; the run waits
 *   until every worker listens, and the memory figure sums all the processes.
 * - BENCH_ENGINE=postgres serves it from PostgreSQL: a cluster of the bench's
 *   own, kept in bench/postgres/ between runs, or the server at
 *   BENCH_DATABASE_URL=postgres://user@host:5432/postgres (a role that may
 *   create databases). bench.db is copied into a template database once and
 *   again only when it changes; each run gets a fresh database from the
 *   template (scripts/bench-postgres.ts). The bench still reads the ids it
 *   requests from bench.db (the copy keeps them), and the bare baseline still
 *   reads its SQLite copy: it is the same yardstick on every setup.
 * - BENCH_RESULTS=bench/results-engines.json stores the run's figures in that
 *   file under its setup's name ("postgres ×2"), keeping the other setups'
 *   there; `npx tsx scripts/bench-engines.ts` prints them side by side.
 * A DATABASE_URL in the shell is ignored: the setup is chosen only as above.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon, { type Request as CannonRequest } from "autocannon";
import SQLite from "better-sqlite3";
import { formatCursor, PAGE_SIZE } from "~/models/thread-list.server";
import { threadPath } from "~/utils/slug";
import { benchMarkdown, markdownTable } from "./bench-markdown";
import { benchPostgres } from "./bench-postgres";
import {
  BENCH_DB,
  BENCH_SEED,
  BENCH_THREAD_TITLE,
  BENCH_USER,
  COUNTS,
  LIST_PRODUCT_SLUG,
  REPLY_THREAD_TITLE,
  SEARCH_QUERY,
  SEARCH_QUERY_SPECIFIC,
} from "./bench-fixture";

const DURATION = Number(process.env.BENCH_DURATION) || 10;
const WARMUP = Math.max(1, Math.round(DURATION / 5));
const CONNECTIONS = 32;
const FEW_CONNECTIONS = 4;
const LIST_PAGE = 500;
/** Threads the "many threads" visitors read, and the replies a second members post meanwhile. */
const MANY_THREADS = 300;
const WRITES_PER_SECOND = 24;
/** Limits a real deployment keeps; one load generator on one address would hit them in a second. */
const GENEROUS_LIMITS = {
  RATE_LIMIT_READS: "100000000/60",
  RATE_LIMIT_SEARCH: "100000000/60",
  RATE_LIMIT_REPLIES: "100000000/60",
};

type Mode = "uncached" | "cached" | "baseline";
type Row = {
  scenario: string;
  mode: Mode;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratioToBaseline: number | null;
  errors: number;
  unexpectedStatus: number;
  /** The unexpected answers by status, when there were any: {"500": 12}. */
  unexpectedByStatus?: Record<string, number>;
  /** The burst scenario: the slowest first response on a fresh connection, and that over p50. */
  slowestFirstMs?: number;
  slowestFirstOverP50?: number;
  /** Readers while members write: the writers' own figures, and readers' req/s over the same readers alone. */
  writers?: { reqPerSec: number; p99Ms: number; errors: number; unexpectedStatus: number };
  ratioToNoWrites?: number;
  /** Of the visitors' pages sampled during the run, the share answered from the cache: what the load on the machine cannot blur. */
  cacheHitShare?: number;
};

const ENGINE = process.env.BENCH_ENGINE ?? (process.env.BENCH_DATABASE_URL ? "postgres" : "sqlite");
if (ENGINE !== "sqlite" && ENGINE !== "postgres") {
  console.error(`BENCH_ENGINE must be sqlite or postgres, not "${ENGINE}".`);
  process.exit(1);
}
if (ENGINE === "sqlite" && process.env.BENCH_DATABASE_URL) {
  console.error("BENCH_DATABASE_URL runs the bench on PostgreSQL: leave BENCH_ENGINE unset or set it to postgres.");
  process.exit(1);
}
const WORKERS = Number(process.env.CLUSTER_WORKERS ?? 1);
if (!Number.isInteger(WORKERS) || WORKERS < 1) {
  console.error(`CLUSTER_WORKERS must be a whole number of processes, at least 1, not "${process.env.CLUSTER_WORKERS}".`);
  process.exit(1);
}
/** The setup's name in the results: "sqlite ×1", "postgres ×2". */
const SETUP = `${ENGINE} ×${WORKERS}`;
const DEFAULT_SETUP = ENGINE === "sqlite" && WORKERS === 1;
const RESULTS_FILE = process.env.BENCH_RESULTS;
delete process.env.DATABASE_URL;

const log = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ONLY =
  process.env.BENCH_ONLY?.split(",")
    .map((word) => word.trim())
    .filter(Boolean) ?? [];
const MODES = (process.env.BENCH_MODES?.split(",") ?? ["uncached", "cached"]).filter(
  (m): m is "uncached" | "cached" => m === "uncached" || m === "cached",
);
const PARTIAL = ONLY.length > 0 || MODES.length < 2;
const wanted = (scenario: string) => ONLY.length === 0 || ONLY.some((word) => scenario.includes(word));

// ---------------------------------------------------------------- Markdown, in this process
const MARKDOWN_SCENARIO = "markdown render";
let markdown: ReturnType<typeof benchMarkdown> | null = null;
if (wanted(MARKDOWN_SCENARIO)) {
  log("markdown render: the most expensive shapes at the longest a post may be");
  markdown = benchMarkdown();
  console.log(`\n${markdownTable(markdown)}\n`);
  if (ONLY.length > 0 && ONLY.every((word) => MARKDOWN_SCENARIO.includes(word))) process.exit(0);
}

if (!fs.existsSync(BENCH_DB)) {
  console.error(`No ${BENCH_DB}: run "npm run bench:data" first (BENCH_ONLY=markdown runs without it).`);
  process.exit(1);
}

// ---------------------------------------------------------------- the URLs under test
const fixture = (() => {
  const db = new SQLite(BENCH_DB, { readonly: true });
  const threadByTitle = (title: string) => {
    const row = db.prepare("select id, title from threads where title = ?").get(title) as { id: number; title: string } | undefined;
    if (!row) throw new Error(`The benchmark database has no thread "${title}"; run npm run bench:data again.`);
    return row;
  };
  const product = db.prepare("select id from products where slug = ?").get(LIST_PRODUCT_SLUG) as { id: number };
  // The last row of page 499 in the product list's default order (see thread-list.server.ts):
  // page 500 starts after it, exactly as following "Next page" 499 times would.
  const last = db
    .prepare(
      `select pinned, last_activity_at as key, id from threads
       where product_id = ? and hidden_at is null and deleted_at is null
       order by pinned desc, last_activity_at desc, id desc limit 1 offset ?`,
    )
    .get(product.id, (LIST_PAGE - 1) * PAGE_SIZE - 1) as { pinned: number; key: number; id: number } | undefined;
  if (!last) throw new Error(`${LIST_PRODUCT_SLUG} has fewer than ${LIST_PAGE} pages of threads.`);
  const counts = db
    .prepare(
      `select (select count(*) from threads) as threads, (select count(*) from posts) as replies,
              (select count(*) from users) as members, (select count(*) from votes) as votes`,
    )
    .get() as Record<string, number>;
  // A few hundred threads spread over the forum, read in a fixed shuffled order; the writers reply to others.
  const spread = (remainder: number, limit: number) =>
    (
      db
        .prepare(
          `select id, title from threads where hidden_at is null and deleted_at is null and locked = 0 and closed_at is null
           and id % 331 = ? order by id limit ?`,
        )
        .all(remainder, limit) as { id: number; title: string }[]
    ).map(threadPath);
  const manyThreads = shuffled(spread(7, MANY_THREADS), BENCH_SEED);
  const writtenThreads = spread(11, 20);
  const thread = threadPath(threadByTitle(BENCH_THREAD_TITLE));
  const replyThread = threadPath(threadByTitle(REPLY_THREAD_TITLE));
  db.close();
  return {
    thread,
    replyThread,
    listPage1: `/products/${LIST_PRODUCT_SLUG}`,
    listPage500: `/products/${LIST_PRODUCT_SLUG}?after=${formatCursor(last)}`,
    ideasByVotes: `/products/${LIST_PRODUCT_SLUG}?sort=votes&kind=idea`,
    search: `/search?${new URLSearchParams({ q: SEARCH_QUERY })}`,
    searchSpecific: `/search?${new URLSearchParams({ q: SEARCH_QUERY_SPECIFIC })}`,
    manyThreads,
    writtenThreads,
    counts,
  };
})();

/** A fixed order that looks random: Fisher–Yates with a small seeded generator. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const readScenarios = [
  { scenario: "home", path: "/" },
  { scenario: "list page 1", path: fixture.listPage1 },
  { scenario: `list page ${LIST_PAGE}`, path: fixture.listPage500 },
  { scenario: "ideas by votes", path: fixture.ideasByVotes },
  { scenario: `search "${SEARCH_QUERY}"`, path: fixture.search },
  { scenario: `search "${SEARCH_QUERY_SPECIFIC}"`, path: fixture.searchSpecific },
];

// ---------------------------------------------------------------- processes
async function freePort(): Promise<number> {
  for (let port = 3501 + Math.floor(Math.random() * 90); port <= 3599; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("No free port between 3501 and 3599.");
}

type Server = { process: ChildProcess; base: string; coldStartMs: number; stderr: () => string };

/** How many `listening` lines the server has logged: one per worker. */
function listeningIn(logFile: string): number {
  return fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes('"event":"listening"')).length;
}

/**
 * Starts a server and waits for its first 200 from `healthPath` and, with
 * `workers` > 1, until every worker has said it listens. Its output goes to
 * `logFile` (a file costs the server as little as /dev/null; a pipe would cost
 * the load generator, which runs in this process).
 */
async function start(command: string[], env: Record<string, string>, healthPath: string, logFile: string, workers = 1): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stderr = "";
  const began = performance.now();
  const output = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", output, "pipe"],
  });
  fs.closeSync(output);
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  while (true) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited with ${child.exitCode}:\n${stderr}`);
    const ok = await fetch(base + healthPath).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok && (workers === 1 || listeningIn(logFile) >= workers)) break;
    if (performance.now() - began > 60_000) throw new Error(`${command.join(" ")} did not answer within a minute:\n${stderr}`);
    await sleep(5);
  }
  return { process: child, base, coldStartMs: Math.round(performance.now() - began), stderr: () => stderr };
}

async function stop(server: Server) {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;
}

/** Resident memory of the process and its children (a cluster's workers), in MB. */
function rssMb(pid: number): number {
  const kb = (id: number): number => {
    const status = fs.readFileSync(`/proc/${id}/status`, "utf8");
    const children = fs.readFileSync(`/proc/${id}/task/${id}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) + children.reduce((sum, child) => sum + kb(child), 0);
  };
  return Math.round(kb(pid) / 1024);
}

// ---------------------------------------------------------------- measuring
type Load = {
  path: string;
  connections: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
  expect?: number;
  /** Requests a second from all connections (a steady writer), else as fast as the server answers. */
  rate?: number;
  /** Straight from warm-up into the measured run, on fresh connections (the burst scenario). */
  noPause?: boolean;
  /** Pages to sample for cache hits during the measured run. */
  sample?: string[];
};

/** Every 20 ms one of `paths` (striding through them), until `done`: the share answered from the page cache. */
async function cacheHitShare(server: Server, paths: string[], done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.then(() => (finished = true));
  let hits = 0;
  let total = 0;
  for (let i = 0; !finished; i += 7) {
    const response = await fetch(server.base + paths[i % paths.length]);
    await response.arrayBuffer();
    total++;
    if (response.headers.get("x-page-cache") === "hit") hits++;
    await sleep(20);
  }
  return total === 0 ? 0 : Math.round((hits / total) * 100) / 100;
}

function cannon(server: Server, load: Load, duration: number) {
  return autocannon({
    url: server.base + load.path,
    connections: load.connections,
    headers: load.headers,
    requests: load.requests,
    overallRate: load.rate,
    timeout: 10,
    duration,
  });
}

function rowOf(scenario: string, mode: Mode, load: Load, result: Awaited<ReturnType<typeof autocannon>>): Row {
  const expected = String(load.expect ?? 200);
  const unexpectedByStatus = Object.fromEntries(
    Object.entries(result.statusCodeStats)
      .filter(([status]) => status !== expected)
      .map(([status, stats]) => [status, stats.count]),
  );
  const unexpected = Object.values(unexpectedByStatus).reduce((sum, count) => sum + count, 0);
  return {
    scenario,
    mode,
    connections: load.connections,
    reqPerSec: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ratioToBaseline: null,
    errors: result.errors + result.timeouts,
    unexpectedStatus: unexpected,
    ...(unexpected > 0 ? { unexpectedByStatus } : {}),
  };
}

function logRow(row: Row) {
  log(
    `${row.mode.padEnd(8)} ${row.scenario.padEnd(26)} c=${String(row.connections).padEnd(2)} ${String(row.reqPerSec).padStart(6)} req/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}  unexpected ${row.unexpectedStatus}${row.unexpectedByStatus ? ` ${JSON.stringify(row.unexpectedByStatus)}` : ""}` +
      (row.slowestFirstMs !== undefined ? `  slowest first response ${row.slowestFirstMs} ms` : "") +
      (row.writers ? `  writers ${row.writers.reqPerSec} req/s p99 ${row.writers.p99Ms} ms` : "") +
      (row.cacheHitShare !== undefined ? `  cache hits ${Math.round(row.cacheHitShare * 100)}%` : ""),
  );
}

async function measure(server: Server, scenario: string, mode: Mode, load: Load): Promise<Row> {
  await cannon(server, load, WARMUP);
  if (!load.noPause) await settle(server);
  // Each run opens its connections anew: the first answer on each is that connection's first.
  const first = new Map<object, number>();
  const run = cannon(server, load, DURATION).on("response", (client, _status, _bytes, time) => {
    if (!first.has(client)) first.set(client, time);
  });
  const hitShare = load.sample ? cacheHitShare(server, load.sample, run) : undefined;
  const result = await run;
  await settle(server);
  const row = rowOf(scenario, mode, load, result);
  if (hitShare) row.cacheHitShare = await hitShare;
  if (load.noPause) {
    row.slowestFirstMs = Math.round(Math.max(...first.values()));
    row.slowestFirstOverP50 = Math.round((row.slowestFirstMs / Math.max(1, row.p50Ms)) * 10) / 10;
  }
  logRow(row);
  return row;
}

/** Readers and writers at once: the writers post at a steady rate while the readers read as fast as they are answered. */
async function measureWhileWriting(server: Server, scenario: string, mode: Mode, readers: Load, writers: Load): Promise<Row> {
  await Promise.all([cannon(server, readers, WARMUP), cannon(server, writers, WARMUP)]);
  await settle(server);
  const reading = cannon(server, readers, DURATION);
  const hitShare = readers.sample ? cacheHitShare(server, readers.sample, reading) : undefined;
  const [read, written] = await Promise.all([reading, cannon(server, writers, DURATION)]);
  await settle(server);
  const row = rowOf(scenario, mode, readers, read);
  if (hitShare) row.cacheHitShare = await hitShare;
  const writerRow = rowOf("writers", mode, writers, written);
  row.writers = {
    reqPerSec: writerRow.reqPerSec,
    p99Ms: writerRow.p99Ms,
    errors: writerRow.errors,
    unexpectedStatus: writerRow.unexpectedStatus,
  };
  logRow(row);
  return row;
}

/**
 * Waits until the server has worked through what the last run left queued
 * (a slow page leaves up to one request per connection behind), so one
 * scenario's backlog never lands in the next one's figures.
 */
async function settle(server: Server) {
  const until = performance.now() + 120_000;
  let quick = 0;
  while (quick < 3 && performance.now() < until) {
    const began = performance.now();
    await fetch(`${server.base}/healthz`).then(
      (r) => r.arrayBuffer(),
      () => null,
    );
    quick = performance.now() - began < 10 ? quick + 1 : 0;
    await sleep(20);
  }
}

async function expectOk(server: Server, pagePath: string) {
  const response = await fetch(server.base + pagePath, { redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${pagePath} answered ${response.status}:\n${server.stderr()}`);
  return response.text();
}

/** The JavaScript a page makes the browser fetch: module preloads, script sources and the imports of inline modules. */
async function javascriptOf(server: Server, html: string) {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(match[1]!);
  for (const script of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const match of script[1]!.matchAll(/(?:import|from)\s*\(?\s*"([^"]+\.js)"/g)) urls.add(match[1]!);
  }
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const response = await fetch(new URL(url, server.base));
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: urls.size, bytes: raw, gzipBytes: gzip };
}

/** GETs that walk through `paths` in order, round and round, across all connections. */
function cycling(paths: string[]): CannonRequest {
  let next = 0;
  return { method: "GET", setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) };
}

/** A member's reply POST, to each of `paths` in turn. */
function replying(server: Server, cookie: string, paths: string[]): CannonRequest {
  let sequence = 0;
  return {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
    setupRequest: (request) => ({
      ...request,
      path: paths[sequence % paths.length],
      body: new URLSearchParams({
        intent: "reply",
        body: `Benchmark reply ${++sequence} at ${Date.now()}: the totals match after the **second** import.`,
      }).toString(),
    }),
  };
}

/** One reply before the run: a refusal (an unverified member, a limit) stops the bench instead of being measured. */
async function expectReplyPosted(server: Server, cookie: string, pagePath: string) {
  const response = await fetch(server.base + pagePath, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "reply", body: "Benchmark reply before the run." }),
  });
  if (response.status !== 302) {
    const text = (await response.text())
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .slice(0, 300);
    throw new Error(
      `Replying to ${pagePath} answered ${response.status} (bench/bench.db older than scripts/bench-data.ts? run npm run bench:data): ${text}`,
    );
  }
}

async function signIn(server: Server): Promise<string> {
  const response = await fetch(`${server.base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.base },
    body: new URLSearchParams({ login: BENCH_USER.email, password: BENCH_USER.password, redirectTo: "/" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`Signing in answered ${response.status}:\n${server.stderr()}`);
  return cookie;
}

// ---------------------------------------------------------------- the run
log("building the app (remix build)");
const build = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) process.exit(build.status ?? 1);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocreate-bench-"));
const database = path.join(workDir, "bench.db");
log(`copying ${BENCH_DB} to ${database}`);
fs.copyFileSync(BENCH_DB, database);
const postgres = ENGINE === "postgres" ? await benchPostgres(BENCH_DB, log) : null;
log(
  `setup: ${SETUP} (${postgres ? `PostgreSQL, ${postgres.server}` : "SQLite"}, ${WORKERS === 1 ? "one process" : `${WORKERS} worker processes`})`,
);

const rows: Row[] = [];
const rounds: Record<string, { coldStartMs: number; rssMbAfterRun: number }> = {};
let page: {
  htmlBytes: number;
  htmlGzipBytes: number;
  baselineHtmlBytes: number;
  baselineHtmlGzipBytes: number;
  js: Awaited<ReturnType<typeof javascriptOf>>;
} | null = null;

const baseline = await start(
  ["--import", "tsx", "scripts/bench-baseline.tsx"],
  { NODE_ENV: "production", DATABASE_PATH: database },
  fixture.thread,
  path.join(workDir, "baseline.log"),
).catch(async (error: unknown) => {
  await postgres?.close();
  throw error;
});
const appEnv = {
  NODE_ENV: "production",
  DATABASE_PATH: database,
  ...(postgres ? { DATABASE_URL: postgres.url } : {}),
  CLUSTER_WORKERS: String(WORKERS),
  ...GENEROUS_LIMITS,
};

try {
  for (const mode of MODES) {
    log(`${mode}: starting node build/index.js`);
    const server = await start(
      ["build/index.js"],
      { ...appEnv, PAGE_CACHE: mode === "cached" ? "on" : "off" },
      "/healthz",
      path.join(workDir, `${mode}.log`),
      WORKERS,
    );
    log(`${mode}: first 200 from /healthz after ${server.coldStartMs} ms`);
    try {
      for (const { path: pagePath } of readScenarios) await expectOk(server, pagePath);
      const html = await expectOk(server, fixture.thread);
      if (mode === "uncached") {
        const bare = await expectOk(baseline, fixture.thread);
        page = {
          htmlBytes: Buffer.byteLength(html),
          htmlGzipBytes: gzipSync(html).length,
          baselineHtmlBytes: Buffer.byteLength(bare),
          baselineHtmlGzipBytes: gzipSync(bare).length,
          js: await javascriptOf(server, html),
        };
      }

      for (const { scenario, path: pagePath } of readScenarios.filter((s) => wanted(s.scenario))) {
        rows.push(await measure(server, scenario, mode, { path: pagePath, connections: CONNECTIONS }));
      }
      for (const connections of wanted("thread") ? [CONNECTIONS, FEW_CONNECTIONS] : []) {
        const yardstick = await measure(baseline, "thread, 50 replies", "baseline", { path: fixture.thread, connections });
        const row = await measure(server, "thread, 50 replies", mode, { path: fixture.thread, connections });
        row.ratioToBaseline = Math.round((row.reqPerSec / yardstick.reqPerSec) * 100) / 100;
        rows.push(yardstick, row);
      }
      if (mode === "cached" && wanted("reply")) {
        const cookie = await signIn(server);
        await expectReplyPosted(server, cookie, fixture.replyThread);
        rows.push(
          await measure(server, "reply (signed in, POST)", mode, {
            path: fixture.replyThread,
            connections: CONNECTIONS,
            expect: 302,
            requests: [replying(server, cookie, [fixture.replyThread])],
          }),
        );
      }
      if (mode === "cached" && wanted("signed in")) {
        const cookie = await signIn(server);
        const signedIn = { path: fixture.thread, connections: CONNECTIONS, headers: { Cookie: cookie } };
        const yardstick = await measure(baseline, "thread, 50 replies", "baseline", { path: fixture.thread, connections: CONNECTIONS });
        const row = await measure(server, "thread, signed in", mode, signedIn);
        row.ratioToBaseline = Math.round((row.reqPerSec / yardstick.reqPerSec) * 100) / 100;
        rows.push(yardstick, row);
        rows.push(await measure(server, "burst: fresh connections, signed in", mode, { ...signedIn, noPause: true }));
      }
      if (mode === "cached" && wanted("many")) {
        const readers: Load = {
          path: fixture.manyThreads[0]!,
          connections: CONNECTIONS,
          requests: [cycling(fixture.manyThreads)],
          sample: fixture.manyThreads,
        };
        // Each page once first, four at a time, so the run measures a warm cache rather than 300 first renders.
        for (let i = 0; i < fixture.manyThreads.length; i += 4) {
          await Promise.all(fixture.manyThreads.slice(i, i + 4).map((pagePath) => expectOk(server, pagePath)));
        }
        const alone = await measure(server, `many threads (${fixture.manyThreads.length})`, mode, readers);
        const cookie = await signIn(server);
        const writers: Load = {
          path: fixture.writtenThreads[0]!,
          connections: 2,
          expect: 302,
          rate: WRITES_PER_SECOND,
          requests: [replying(server, cookie, fixture.writtenThreads)],
        };
        const during = await measureWhileWriting(server, `many threads, ${WRITES_PER_SECOND} replies/s`, mode, readers, writers);
        during.ratioToNoWrites = Math.round((during.reqPerSec / alone.reqPerSec) * 100) / 100;
        rows.push(alone, during);
      }
      rounds[mode] = { coldStartMs: server.coldStartMs, rssMbAfterRun: rssMb(server.process.pid!) };
    } finally {
      await stop(server);
    }
  }
} finally {
  await stop(baseline);
  await postgres?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- report
function notes(r: Row): string {
  const hits = r.cacheHitShare === undefined ? "" : `; ${Math.round(r.cacheHitShare * 100)}% of sampled pages from the cache`;
  return noteOf(r) + hits;
}
function noteOf(r: Row): string {
  if (r.slowestFirstMs !== undefined) return `slowest first response ${r.slowestFirstMs} ms (${r.slowestFirstOverP50}× p50)`;
  if (r.writers) {
    return `${r.ratioToNoWrites}× the readers alone; writers ${r.writers.reqPerSec} replies/s, p99 ${r.writers.p99Ms} ms, errors ${r.writers.errors} / ${r.writers.unexpectedStatus}`;
  }
  return "";
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const table = [
  "| scenario | server | conn. | req/s | p50 ms | p99 ms | × baseline | errors / unexpected status | notes |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.mode} | ${r.connections} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.ratioToBaseline ?? ""} | ${r.errors} / ${r.unexpectedStatus} | ${notes(r)} |`,
  ),
].join("\n");
const summary = [
  `cold start to first 200: ${rounds.uncached?.coldStartMs} ms (uncached round), ${rounds.cached?.coldStartMs} ms (cached round)`,
  `server RSS after the run: ${rounds.uncached?.rssMbAfterRun} MB (uncached round), ${rounds.cached?.rssMbAfterRun} MB (cached round)`,
  page
    ? `thread page: HTML ${kb(page.htmlBytes)} (${kb(page.htmlGzipBytes)} gzip; the baseline's ${kb(page.baselineHtmlBytes)}, ${kb(page.baselineHtmlGzipBytes)} gzip); JavaScript ${page.js.files} files, ${kb(page.js.bytes)} (${kb(page.js.gzipBytes)} gzip)`
    : "",
].join("\n");
console.log(`\n${table}\n\n${summary}\n`);

const results = {
  measuredAt: new Date().toISOString(),
  setup: { name: SETUP, engine: ENGINE, workers: WORKERS, postgres: postgres?.server },
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  },
  dataset: { ...fixture.counts, products: COUNTS.products, listPage: LIST_PAGE, searchQueries: [SEARCH_QUERY, SEARCH_QUERY_SPECIFIC] },
  settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, rateLimitsRaisedTo: GENEROUS_LIMITS },
  coldStartMs: { uncached: rounds.uncached?.coldStartMs, cached: rounds.cached?.coldStartMs },
  rssMbAfterRun: { uncached: rounds.uncached?.rssMbAfterRun, cached: rounds.cached?.rssMbAfterRun },
  threadPage: page,
  scenarios: rows,
  markdown,
};
if (RESULTS_FILE) {
  const kept = fs.existsSync(RESULTS_FILE) ? (JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) as Record<string, unknown>) : {};
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...kept, [SETUP]: results }, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE} ("${SETUP}")`);
}
if (PARTIAL || !DEFAULT_SETUP) {
  log(
    `${PARTIAL ? "a partial run (BENCH_ONLY or BENCH_MODES)" : `not the default setup (${SETUP})`}: bench/results.json is left as it was`,
  );
} else {
  fs.writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  log("wrote bench/results.json");
}
