import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, defaultBackupPath } from "~db/backup.server";
import { databasePath, openSqlite } from "~db/sqlite.server";

describe("backups", () => {
  it("are named by the time they were made", () => {
    expect(defaultBackupPath(new Date("2026-03-04T05:06:07Z"))).toBe(path.join("backups", "cocreate-20260304-050607.db"));
  });

  it("copy a database that is being written to into a consistent, intact file", async () => {
    const source = databasePath();
    const writer = openSqlite(source);
    const insert = writer.prepare("insert into settings (key, value) values (?, ?)");
    const filler = "x".repeat(500);
    writer.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`before-${i}`, filler);
    })();

    // Another connection keeps committing pairs of rows while the copy runs, a step at a time.
    let pairs = 0;
    const writing = new Promise<void>((resolve) => {
      const write = () => {
        writer.transaction(() => {
          insert.run(`during-${pairs}-a`, filler);
          insert.run(`during-${pairs}-b`, filler);
        })();
        pairs += 1;
        if (pairs < 40) setImmediate(write);
        else resolve();
      };
      setImmediate(write);
    });
    const destination = path.join(path.dirname(source), `backup-${Date.now()}.db`);
    const [result] = await Promise.all([backupDatabase(source, destination, { pagesPerStep: 20 }), writing]);
    writer.close();

    expect(result.pages).toBeGreaterThan(100);
    const copy = new SQLite(destination, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const count = (pattern: string) =>
      (copy.prepare("select count(*) as n from settings where key like ?").get(pattern) as { n: number }).n;
    expect(count("before-%")).toBe(3000);
    // One moment in time: never half of a transaction.
    expect(count("during-%") % 2).toBe(0);
    console.log(
      `backup test: ${result.pages} pages copied while ${pairs} write transactions ran; the copy holds ${count("during-%") / 2} of them`,
    );
    expect(count("during-%")).toBeLessThanOrEqual(80);
    // The schema came along: the copy is a working Cocreate database.
    expect(copy.prepare("select count(*) as n from kysely_migration").get()).toMatchObject({ n: expect.any(Number) });
    copy.close();
    fs.rmSync(destination);
  });

  it("never overwrite an earlier backup", async () => {
    const destination = path.join(path.dirname(databasePath()), `existing-${Date.now()}.db`);
    fs.writeFileSync(destination, "an earlier backup");
    await expect(backupDatabase(databasePath(), destination)).rejects.toThrow("already exists");
    expect(fs.readFileSync(destination, "utf8")).toBe("an earlier backup");
  });
});
