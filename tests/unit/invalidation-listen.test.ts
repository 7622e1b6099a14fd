import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { canTrustCache } from "~db/invalidation-bus.server";
import { heardWithin, startFeed, stopFeeds, writeFromAnotherProcess } from "./invalidation-helpers";

/** PostgreSQL only: the LISTEN connection each process keeps (db/invalidation-feed.server.ts). */
afterEach(stopFeeds);

describe("PostgreSQL's LISTEN connection", () => {
  it("stops trusting the cache when it loses the connection, and starts afresh once it listens again", async () => {
    await startFeed();
    expect(canTrustCache()).toBe(true);
    const afresh = heardWithin(3_000, "*");
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'cocreate-listen' and datname = current_database()`.execute(
      getDb(),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(canTrustCache()).toBe(false);
    await afresh;
    expect(canTrustCache()).toBe(true);
    const heard = heardWithin(100, "thread:77");
    await writeFromAnotherProcess("thread:77");
    await heard;
  });
});
