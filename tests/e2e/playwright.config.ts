import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GENEROUS_RATE_LIMITS } from "../rate-limit-env";
import { forumSettingsFor } from "../oidc-test-provider";

const port = Number(process.env.E2E_PORT) || 3100;
export const E2E_SECRET = "e2e-only-secret-not-for-production";
// Locking an account after five failed sign-ins keeps its real value here
// (rate-limit.spec.ts meets it); tests/integration/rate-limits.test.ts
// exercises every other limit with small values.
const { RATE_LIMIT_SIGNIN_ACCOUNT: _realValue, ...E2E_RATE_LIMITS } = GENEROUS_RATE_LIMITS;
// A fresh database per run: the server migrates it and seeds the demo on start. The main
// process names it once (workers inherit the name) and teardown.ts removes it afterwards.
process.env.COCREATE_E2E_TEMP_DB ||= path.join(os.tmpdir(), `cocreate-e2e-${process.pid}-${Date.now()}.db`);
const databasePath = process.env.COCREATE_E2E_TEMP_DB;
// The run's own SMTP server (global-setup.ts) receives every email the server sends, into this folder.
process.env.COCREATE_E2E_MAILDIR ||= path.join(os.tmpdir(), `cocreate-e2e-mail-${process.pid}-${Date.now()}`);
export const e2eSmtpPort = port + 2;
// The run's OpenID Connect provider (global-setup.ts): the server offers "Sign in with Acme" through it (sso.spec.ts).
export const e2eOidcPort = port + 3;
export const e2eBaseUrl = `http://localhost:${port}`;

// The suite runs as two streams side by side, each one spec file at a time on a server and database of its
// own, so neither waits for the other and neither changes the pages the other checks. The first stream holds
// the specs that need the main server (sso.spec.ts: the provider knows its callback address;
// success-over-time.spec.ts: it runs a script on the main database) and, last, the XSS suite (xss.spec.ts),
// which stores thousands of payloads on a third server and database of its own (xssBaseUrl). The second holds
// the rest, about as long. Two streams keep both cores busy; a third only made each wait for CPU.
// The PostgreSQL pass (scripts/e2e-postgres.ts) runs a few specs on one server.
const separateStreams = !process.env.E2E_DATABASE_URL;
const secondPort = port + 20;
const xssPort = separateStreams ? port + 10 : port;
export const xssBaseUrl = `http://localhost:${xssPort}`;
const SECOND_STREAM =
  /(accessibility|admin-and-settings|co-creation|discovery|header|idea-staff|identity|moderation|no-javascript|notifications|question|reading|roadmap-detail|security|writing)\.spec\.ts$/;
process.env.COCREATE_E2E_SECOND_DB ||= path.join(os.tmpdir(), `cocreate-e2e-second-${process.pid}-${Date.now()}.db`);
process.env.COCREATE_E2E_XSS_DB ||= path.join(os.tmpdir(), `cocreate-e2e-xss-${process.pid}-${Date.now()}.db`);

/** One test server: the built app on `serverPort`, migrating and seeding `databaseFile` on start. */
function testServer(serverPort: number, databaseFile: string) {
  return {
    command: "node build/index.js",
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    url: `http://localhost:${serverPort}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    // A known secret lets the unsubscribe test sign a link the way an email would carry it.
    // Rate and new-member limits would trip tests that post quickly (see tests/rate-limit-env.ts).
    // The server inherits this process's environment: DATABASE_URL is set from E2E_DATABASE_URL only (an empty
    // PostgreSQL database to run the suite against), never from a shell's own DATABASE_URL.
    env: {
      PORT: String(serverPort),
      DATABASE_PATH: databaseFile,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NODE_ENV: "test",
      SESSION_SECRET: E2E_SECRET,
      SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort}`,
      // Emails (verification and reset links the tests open) go out within a moment.
      BACKGROUND_POLL_MS: "250",
      // Sign-in with the company's account, next to the password form the other specs use.
      ...forumSettingsFor(`http://127.0.0.1:${e2eOidcPort}`),
      ...E2E_RATE_LIMITS,
    },
  };
}

export default defineConfig({
  testDir: ".",
  globalSetup: "./global-setup.ts",
  globalTeardown: "./teardown.ts",
  outputDir: "../../test-results",
  fullyParallel: false,
  // One worker per stream: a stream's specs run in file order, one at a time.
  workers: separateStreams ? 2 : 1,
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
  projects: separateStreams
    ? [
        { name: "forum", testIgnore: SECOND_STREAM, workers: 1 },
        { name: "forum-2", testMatch: SECOND_STREAM, workers: 1, use: { baseURL: `http://localhost:${secondPort}` } },
      ]
    : [{ name: "forum", workers: 1 }],
  webServer: [
    testServer(port, databasePath),
    ...(separateStreams
      ? [testServer(secondPort, process.env.COCREATE_E2E_SECOND_DB), testServer(xssPort, process.env.COCREATE_E2E_XSS_DB)]
      : []),
  ],
});
