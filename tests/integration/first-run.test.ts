import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { root, tempDbPath } from "./server";

// Issue 14: `npm start` printed "building... (NODE_ENV=production)", then ran the demo in development mode, with a
// bundler deprecation warning. Its output now says the address to open and the demo sign-in, one line each.

type Run = { lines: string[]; url: string; stop: () => Promise<number | null> };

/** Runs `npm start` as a person would, until it says where to open the forum. */
async function npmStart(env: Record<string, string>): Promise<Run> {
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const child = spawn("npm", ["start"], {
    cwd: root,
    // NODE_ENV stays unset unless a test sets it, as in a terminal (vitest sets it to "test").
    env: { ...inherited, PORT: "0", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: Ctrl+C reaches npm, the start script and the server together, and so does stop().
    detached: true,
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        // The last start-up line (or, from a bare server, its "listening" log line).
        if (line.startsWith("Requests are logged below") || line.includes('"event":"listening"')) resolve(line);
      });
    }
    void exited.then(() => reject(new Error(`npm start ended early:\n${lines.join("\n")}`)));
  });
  await ready;
  const url = /^Open (http:\/\/localhost:\d+)$/.exec(lines.find((l) => l.startsWith("Open ")) ?? "")?.[1] ?? "";
  return {
    lines,
    url,
    stop: async () => {
      process.kill(-child.pid!, "SIGTERM");
      return exited;
    },
  };
}

const misleading = /NODE_ENV=production|deprecat|building\.\.\.|\[info\]/i;

describe("npm start on a first run", () => {
  it("says the address to open and the demo sign-in, one line each, and nothing misleading", async () => {
    const run = await npmStart({ DATABASE_PATH: tempDbPath("first-run") });
    try {
      expect(run.lines.filter((l) => /^Open http:\/\/localhost:\d+$/.test(l))).toHaveLength(1);
      expect(run.lines.filter((l) => l.includes("member@example.com") && l.includes("cocreate-demo"))).toEqual([
        "Demo sign-in: member@example.com / cocreate-demo (staff@example.com and admin@example.com have the same password)",
      ]);
      expect(run.lines.filter((l) => misleading.test(l))).toEqual([]);
      const home = await fetch(run.url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("Join the community");
    } finally {
      await run.stop();
    }
  }, 90_000);

  it("offers no demo sign-in where there is no demo (a production database)", async () => {
    const run = await npmStart({ DATABASE_PATH: tempDbPath("first-run-production"), NODE_ENV: "production" });
    try {
      expect(run.lines.filter((l) => /^Open http:\/\/localhost:\d+$/.test(l))).toHaveLength(1);
      expect(run.lines.join("\n")).not.toContain("cocreate-demo");
      expect((await fetch(`${run.url}/healthz`)).status).toBe(200);
    } finally {
      await run.stop();
    }
  }, 90_000);
});
