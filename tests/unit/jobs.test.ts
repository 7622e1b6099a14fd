import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { configuredEngine } from "~db/engine.server";
import { every } from "~/jobs/job.server";
import { jobs, startJobs } from "~/jobs/start.server";
import { notify } from "~/models/notification.server";
import { createTestReply, createTestThread, createTestUser } from "./factories";

// Issue 15: background work started in two places (background.server.ts and server.ts), and email and webhook
// delivery were the same retry loop written twice. Each job is now a file in app/jobs/, started by one starter.

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Resolves once `check` holds, looking every 50 ms for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("the job did not do it in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the job starter", () => {
  it("starts one job for each job file in app/jobs", () => {
    const helpers = ["job.server.ts", "lease.server.ts", "retry.server.ts", "start.server.ts"];
    const files = fs.readdirSync(path.resolve(import.meta.dirname, "../../app/jobs")).filter((file) => !helpers.includes(file));
    expect(jobs.map((job) => `${job.name}.server.ts`).sort()).toEqual(files.sort());
  });

  it("runs the server's background work: expired sessions go, new replies reach the index, due emails go out; stop waits", async () => {
    const member = await createTestUser();
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const replyId = await createTestReply(author, threadId, "an axolotl appears");
    await getDb()
      .insertInto("sessions")
      .values({ id: "expired-session", user_id: member.id, expires_at: Date.now() - 1, created_at: Date.now() - 1000 })
      .execute();
    await getDb()
      .transaction()
      .execute((trx) => notify(trx, [member.id], { kind: "reply", threadId, postId: replyId, actorId: author.id }));
    const email = () => getDb().selectFrom("email_outbox").select("status").where("user_id", "=", member.id).executeTakeFirstOrThrow();
    expect((await email()).status).toBe("pending");
    vi.spyOn(console, "log").mockImplementation(() => {}); // the log transport prints the email

    const stop = await startJobs();
    try {
      await eventually(
        async () =>
          (await getDb().selectFrom("sessions").select("id").where("id", "=", "expired-session").executeTakeFirst()) === undefined,
      );
      // On SQLite the reply waits in a queue until the index job takes it; on PostgreSQL its own transaction indexed it.
      await eventually(async () =>
        configuredEngine() === "postgres"
          ? true
          : (await getDb().selectFrom("search_pending").select("post_id").where("post_id", "=", replyId).executeTakeFirst()) === undefined,
      );
      await eventually(async () => (await email()).status === "sent");
    } finally {
      await stop();
    }
  });
});

describe("a periodic job", () => {
  it("runs one round at a time, logs a failed round and runs again, and stop waits for the round in progress", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    const logged = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const rounds: { finish: () => void }[] = [];
    let failNext = true;
    const stop = every("test-job", 1_000, () => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error("the receiver is down"));
      }
      return new Promise<void>((resolve) => rounds.push({ finish: resolve }));
    });

    await vi.advanceTimersByTimeAsync(1_000); // the first round fails
    expect(JSON.parse(String(logged.mock.calls[0]?.[0]))).toMatchObject({
      level: "error",
      event: "job-failed",
      job: "test-job",
      message: "the receiver is down",
    });
    await vi.advanceTimersByTimeAsync(1_000); // the next one starts
    expect(rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000); // still running: no second one beside it
    expect(rounds).toHaveLength(1);

    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    rounds[0]!.finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(rounds).toHaveLength(1);
  });
});
