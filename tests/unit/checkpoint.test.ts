import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { startCheckpoints } from "~db/checkpoint.server";
import { getDb } from "~db/client.server";
import { databasePath } from "~db/sqlite.server";
import { createTestUser } from "./factories";

/** SQLite's file change counter (header bytes 24–27): only a checkpoint writes the database file in WAL mode. */
function fileChangeCounter(file: string): number {
  const handle = fs.openSync(file, "r");
  try {
    const header = Buffer.alloc(100);
    fs.readSync(handle, header, 0, 100, 0);
    return header.readUInt32BE(24);
  } finally {
    fs.closeSync(handle);
  }
}

describe("checkpoints on a worker thread", () => {
  it("copies committed writes into the database file without the requests' connection checkpointing", async () => {
    const errors: string[] = [];
    const stop = await startCheckpoints(getDb(), databasePath(), (message) => errors.push(message));
    try {
      const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(getDb());
      expect(rows[0]!.wal_autocheckpoint).toBe(10_000);

      const before = fileChangeCounter(databasePath());
      const user = await createTestUser();
      let after = before;
      for (let waited = 0; after === before && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = fileChangeCounter(databasePath());
      }
      expect(after).not.toBe(before);
      const row = await getDb().selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirst();
      expect(row).toEqual({ id: user.id });
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
  });

  it("stopping a second time resolves at once, the worker having ended", async () => {
    const errors: string[] = [];
    const stop = await startCheckpoints(getDb(), databasePath(), (message) => errors.push(message));
    await stop();
    const again = await Promise.race([stop().then(() => "stopped"), new Promise((resolve) => setTimeout(resolve, 2_000, "hung"))]);
    expect(again).toBe("stopped");
    expect(errors).toEqual([]);
  });
});
