import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { databasePath } from "~db/sqlite.server";
import { createTestThread, createTestUser, getThreadRow } from "./factories";

// SQLite only: how transactions on one SQLite file from several processes take turns.

const TRANSACTIONS = 40;
const root = fileURLToPath(new URL("../..", import.meta.url));

function startWriter(file: string, threadId: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/unit/sqlite-writer-process.ts", file, String(threadId), String(TRANSACTIONS)],
    {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve) => lines.once("line", () => resolve()));
  const result = new Promise<{ failures: string[] }>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve(JSON.parse(line) as { failures: string[] });
    });
    child.once("exit", (code) => reject(new Error(`the writer exited with ${code} before reporting`)));
  });
  return { ready, result, go: () => child.stdin!.end("go\n") };
}

describe("several processes writing to one SQLite file", () => {
  it("all transactions succeed, each waiting for the one before, and no update is lost", async () => {
    const threadId = await createTestThread(await createTestUser());
    const writers = [startWriter(databasePath(), threadId), startWriter(databasePath(), threadId)];
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.go();
    const results = await Promise.all(writers.map((writer) => writer.result));
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect((await getThreadRow(threadId)).reply_count).toBe(2 * TRANSACTIONS);
  }, 30_000);
});
