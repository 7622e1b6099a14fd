#!/usr/bin/env node
// Runs the Playwright suite against Debian's chromium, or says in one line how to get it.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`e2e: no chromium at ${chromium}. Install it with "apt-get update && apt-get install -y chromium" or set CHROMIUM_PATH.`);
  process.exit(1);
}
const result = spawnSync("npx", ["playwright", "test", "--config", "tests/e2e/playwright.config.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
