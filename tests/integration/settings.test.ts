import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { root, startServer, tempDbPath } from "./server";

// Issue 15: a typo in one setting stopped the server with a stack trace, a typo in another was silently ignored.
// Every setting is now checked at start: a bad one stops the server with one line naming it and what it accepts.

/** Runs `node build/index.js` with these settings until it exits. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: "test", PORT: "0", DATABASE_PATH: tempDbPath("settings"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe("a bad setting", () => {
  it.each([
    ["NEW_MEMBER_REPLIES_PER_DAY", "ten", 'NEW_MEMBER_REPLIES_PER_DAY must be a whole number, 0 or more, not "ten".'],
    ["RATE_LIMIT_REPLIES", "thirty", 'RATE_LIMIT_REPLIES must look like 30/600 (at most 30 per 600 seconds), not "thirty".'],
    ["MAX_BODY_BYTES", "1kb", 'MAX_BODY_BYTES must be a number of bytes, at least 1024, not "1kb".'],
  ])("%s=%s stops the server at start with one line, no stack trace, and a failing exit code", async (name, value, line) => {
    const run = await runServer({ [name]: value });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe("");
  });

  it("good settings start the server as before", async () => {
    const server = await startServer({ env: { NEW_MEMBER_REPLIES_PER_DAY: "5", PAGE_CACHE: "off" } });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });
});
