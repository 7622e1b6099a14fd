/**
 * npx tsx scripts/bench-engines.ts [bench/results-engines.json] — prints the
 * setups a BENCH_RESULTS file holds (scripts/bench.ts: "sqlite ×1",
 * "postgres ×2" …) side by side, one row per scenario, req/s and p99 in each
 * cell: the table docs/performance.md shows.
 */
import fs from "node:fs";

type Row = {
  scenario: string;
  mode: string;
  connections: number;
  reqPerSec: number;
  p99Ms: number;
  errors: number;
  unexpectedStatus: number;
};
type Run = {
  measuredAt: string;
  setup: { name: string };
  machine: { loadAverage: number[] };
  settings: { durationSeconds: number };
  scenarios: Row[];
};

const file = process.argv[2] ?? "bench/results-engines.json";
const runs = Object.values(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Run>);
const order = ["sqlite ×1", "sqlite ×2", "postgres ×1", "postgres ×2"];
runs.sort((a, b) => order.indexOf(a.setup.name) - order.indexOf(b.setup.name));

const keyOf = (row: Row) => `${row.scenario}|${row.mode}|${row.connections}`;
const keys: string[] = [];
for (const run of runs) {
  for (const row of run.scenarios) if (row.mode !== "baseline" && !keys.includes(keyOf(row))) keys.push(keyOf(row));
}
/** The bare server's thread page at 32 connections, measured several times in each run: how busy the machine was. */
const yardstick = (run: Run) => {
  const rows = run.scenarios.filter((row) => row.mode === "baseline" && row.connections === 32);
  return rows.length === 0 ? "" : `${rows.map((row) => row.reqPerSec).join(", ")} req/s`;
};

const setupName = (name: string) => name.replace("sqlite", "SQLite").replace("postgres", "PostgreSQL");
const cell = (row: Row | undefined) => {
  if (!row) return "";
  const failed = row.errors + row.unexpectedStatus;
  return `${row.reqPerSec} req/s, p99 ${row.p99Ms} ms${failed > 0 ? ` (${failed} failed)` : ""}`;
};

const lines = [
  `| scenario | page cache | conn. | ${runs.map((run) => setupName(run.setup.name)).join(" | ")} |`,
  `|---|---|---|${runs.map(() => "---").join("|")}|`,
  ...keys.map((key) => {
    const [scenario, mode, connections] = key.split("|");
    return `| ${scenario} | ${mode === "cached" ? "on" : "off"} | ${connections} | ${runs.map((run) => cell(run.scenarios.find((row) => keyOf(row) === key))).join(" | ")} |`;
  }),
  `| the bare yardstick's thread page (SQLite, one process; each time it ran) |  | 32 | ${runs.map(yardstick).join(" | ")} |`,
  `| load average at the end of the run (1, 5, 15 min) |  |  | ${runs.map((run) => run.machine.loadAverage.join(", ")).join(" | ")} |`,
];
console.log(lines.join("\n"));
console.log(
  `\n${runs.map((run) => `${setupName(run.setup.name)}: measured ${run.measuredAt}, ${run.settings.durationSeconds} s per scenario`).join("\n")}`,
);
