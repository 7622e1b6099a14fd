#!/usr/bin/env node
// Runs the Playwright suite against Debian's chromium, or says in one line how to get it.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`e2e: no chromium at ${chromium}. Install it with "apt-get update && apt-get install -y chromium" or set CHROMIUM_PATH.`);
  process.exit(1);
}
const env = { ...process.env, CHROMIUM_PATH: chromium };
const args = process.argv.slice(2);
const result = spawnSync("npx", ["playwright", "test", "--config", "tests/e2e/playwright.config.ts", ...args], { stdio: "inherit", env });
// The whole suite (no arguments) then runs its PostgreSQL part: scripts/e2e-postgres.ts says which specs and why.
if (result.status !== 0 || args.length > 0) process.exit(result.status ?? 1);
const postgres = spawnSync("npx", ["tsx", "scripts/e2e-postgres.ts"], { stdio: "inherit", env });
process.exit(postgres.status ?? 1);
