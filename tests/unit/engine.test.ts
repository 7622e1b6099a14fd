import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { configuredEngine, describeDatabase, forUpdate } from "~db/engine.server";
import { createTestThread, createTestUser, getThreadRow } from "./factories";
import { restoreSettings, setSettings } from "./settings";

/** Runs `check` with DATABASE_URL set to `url`, then puts the test file's own back. */
function withDatabaseUrl(url: string, check: () => void) {
  setSettings({ DATABASE_URL: url });
  try {
    check();
  } finally {
    restoreSettings();
  }
}

describe("choosing the engine", () => {
  it("refuses a DATABASE_URL that is not PostgreSQL's, saying what to write", () => {
    withDatabaseUrl("mysql://localhost/cocreate", () =>
      expect(() => configuredEngine()).toThrow(
        "DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/cocreate (leave it unset for the SQLite file at DATABASE_PATH)",
      ),
    );
  });

  it("names the database in the start-up log without its password", () => {
    withDatabaseUrl("postgres://forum:s3cret@db.example.com:5433/community", () => {
      expect(configuredEngine()).toBe("postgres");
      expect(describeDatabase()).toBe("PostgreSQL database community on db.example.com:5433");
    });
  });
});

describe("forUpdate", () => {
  it("keeps a row as read until the transaction that read it ends, so no update is lost", async () => {
    const threadId = await createTestThread(await createTestUser());
    // Read, wait, write back one more: without the lock both transactions read the same count.
    const addOne = () =>
      getDb()
        .transaction()
        .execute(async (trx) => {
          const row = await forUpdate(trx.selectFrom("threads").select("vote_count").where("id", "=", threadId)).executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 30));
          await trx
            .updateTable("threads")
            .set({ vote_count: row.vote_count + 1 })
            .where("id", "=", threadId)
            .execute();
        });
    await Promise.all([addOne(), addOne(), addOne()]);
    expect((await getThreadRow(threadId)).vote_count).toBe(3);
  });
});
