/**
 * One of the processes tests/unit/sqlite-writers.test.ts starts: once told
 * "go" on stdin, it runs `count` transactions on the SQLite file, each reading
 * a thread's reply count and writing it back one higher after a pause (the
 * read-then-write a model does), and reports how many failed.
 */
import { createInterface } from "node:readline";
import { createSqliteDb } from "~db/sqlite.server";

const [file, threadId, count] = process.argv.slice(2);
const db = createSqliteDb(file!);
const failures: string[] = [];
console.log("ready");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
for (let i = 0; i < Number(count); i++) {
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("threads").select("reply_count").where("id", "=", Number(threadId)).executeTakeFirstOrThrow();
      await new Promise((resolve) => setTimeout(resolve, 1));
      await trx
        .updateTable("threads")
        .set({ reply_count: row.reply_count + 1 })
        .where("id", "=", Number(threadId))
        .execute();
    });
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }
}
await db.destroy();
console.log(JSON.stringify({ failures }));
