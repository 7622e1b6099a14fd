/**
 * `npm start`: builds the app, then runs it (node build/index.js) and says in
 * plain words where to open it and how to sign in to the demo. The server's
 * own output (one JSON line per request) follows unchanged; its start-up
 * events are summed up here instead. In production run `npm run build` once
 * and `node build/index.js` (docs/operations.md).
 */
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, DEMO_SIGN_INS } from "../db/demo";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (line: string) => process.stdout.write(`${line}\n`);

const started = Date.now();
process.stdout.write("Building the app… ");
// The bundler's output (and Vite's notice about its CommonJS entry, which Remix 2 uses) only matters when the build fails.
const build = spawnSync(process.execPath, [`${root}node_modules/@remix-run/dev/dist/cli.js`, "build"], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, VITE_CJS_IGNORE_WARNING: "true" },
});
if (build.status !== 0) {
  say("failed:");
  process.stdout.write(build.stdout);
  process.stderr.write(build.stderr);
  process.exit(build.status ?? 1);
}
say(`done (${((Date.now() - started) / 1000).toFixed(1)} s).`);

const server = spawn(process.execPath, ["build/index.js"], { cwd: root, stdio: ["inherit", "pipe", "inherit"] });
const STARTUP_EVENTS = new Set(["migrated", "demo-seeded", "listening"]);
let seeded = false;
let migrated = false;

createInterface({ input: server.stdout! }).on("line", (line) => {
  let event: { event?: string; url?: string; database?: string; demo?: boolean } = {};
  try {
    event = JSON.parse(line);
  } catch {
    // Not a log line: pass it on as it is.
  }
  if (!event.event || !STARTUP_EVENTS.has(event.event)) return say(line);
  if (event.event === "migrated") migrated = true;
  if (event.event === "demo-seeded") seeded = true;
  if (event.event !== "listening") return;
  const fresh = seeded ? " (new, with the demo forum)" : migrated ? " (brought up to date)" : "";
  say(`Database: ${event.database}${fresh}`);
  say(`Open ${event.url}`);
  if (event.demo) {
    const [member, ...others] = DEMO_SIGN_INS;
    say(`Demo sign-in: ${member} / ${DEMO_PASSWORD} (${others.join(" and ")} have the same password)`);
  }
  say("Requests are logged below, one JSON line each. Stop with Ctrl+C.");
});

// Ctrl+C reaches both processes; a SIGTERM sent to this one is passed on. The server drains and exits, then so do we.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
