import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const port = Number(process.env.E2E_PORT) || 3100;
export const E2E_SECRET = "e2e-only-secret-not-for-production";
/**
 * The whole suite runs from one address and signs up, posts and reads far
 * more than a person would, so those limits are raised. Locking an account
 * after five failed sign-ins keeps its real value (rate-limit.spec.ts meets
 * it); tests/integration/rate-limits.test.ts exercises every other limit
 * with small values.
 */
const E2E_RATE_LIMITS = {
  RATE_LIMIT_READS: "100000/60",
  RATE_LIMIT_SEARCH: "100000/60",
  RATE_LIMIT_SIGNUP: "10000/3600",
  RATE_LIMIT_SIGNIN_IP: "1000/900",
  RATE_LIMIT_PASSWORD_CHANGE: "1000/900",
  RATE_LIMIT_THREADS: "10000/3600",
  RATE_LIMIT_REPLIES: "10000/600",
};
// A fresh database per run: the server migrates it and seeds the demo on start.
const databasePath = path.join(os.tmpdir(), `cocreate-e2e-${process.pid}-${Date.now()}.db`);

export default defineConfig({
  testDir: ".",
  outputDir: "../../test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node build/index.js",
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    // A known secret lets the unsubscribe test sign a link the way an email would carry it.
    env: { PORT: String(port), DATABASE_PATH: databasePath, NODE_ENV: "test", SESSION_SECRET: E2E_SECRET, ...E2E_RATE_LIMITS },
  },
});
