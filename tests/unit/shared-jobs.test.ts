import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { seedDemo } from "~db/seed";
import type { Mail, MailTransport } from "~/email/transport.server";
import { setEmailPreferences } from "~/email/preferences.server";
import { digestIntervalMs, gatherDigests } from "~/jobs/gather-digests.server";
import { releaseLease, takeLease } from "~/jobs/lease.server";
import { deliverDueEmails } from "~/jobs/send-emails.server";
import { notify } from "~/models/notification.server";
import { createTestThread, createTestUser } from "./factories";

// Several app processes run the same jobs on one database. Here two runs at once stand for two
// processes: on PostgreSQL (unit-pg) they use two connections of the pool and truly overlap; on
// SQLite they interleave at every query, so both read the same due rows before either claims one.

function recordingTransport(): MailTransport & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    name: "test",
    sent,
    async send(mail) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(mail);
    },
  };
}

async function queueEmails(recipient: { id: number }, count: number) {
  const author = await createTestUser();
  const threadId = await createTestThread(author, { title: "Offline mode" });
  await getDb()
    .transaction()
    .execute(async (trx) => {
      for (let i = 0; i < count; i++) await notify(trx, [recipient.id], { kind: "reply", threadId, actorId: author.id });
    });
}

describe("jobs with several processes", () => {
  it("of two processes seeding a fresh database at once, one seeds the demo", async () => {
    // First in this file: its database has no users yet.
    const seeded = await Promise.all([seedDemo(getDb()), seedDemo(getDb())]);
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const { n } = await getDb()
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email", "=", "member@example.com")
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });

  it("sends each email once when two senders run at once", async () => {
    const member = await createTestUser();
    await queueEmails(member, 6);
    const one = recordingTransport();
    const other = recordingTransport();
    const later = Date.now() + 1;
    const [a, b] = await Promise.all([deliverDueEmails(one, later), deliverDueEmails(other, later)]);
    expect(a.sent + b.sent).toBe(6);
    expect(one.sent.length + other.sent.length).toBe(6);
    const rows = await getDb().selectFrom("email_outbox").select(["status", "attempts"]).where("user_id", "=", member.id).execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("gathers one digest when two gatherers run at once", async () => {
    const member = await createTestUser();
    await setEmailPreferences(member, { reply: "daily" });
    await queueEmails(member, 3);
    const later = Date.now() + digestIntervalMs() + 1;
    await Promise.allSettled([gatherDigests(later), gatherDigests(later)]);
    const digests = await getDb()
      .selectFrom("email_outbox")
      .select("id")
      .where("user_id", "=", member.id)
      .where("kind", "=", "digest")
      .execute();
    expect(digests).toHaveLength(1);
  });

  it("gives a periodic job's lease to one process at a time, and to another once the holder's has run out", async () => {
    const now = Date.now();
    const taken = await Promise.all([takeLease("test-job", 1_000, now), takeLease("test-job", 1_000, now)]);
    // The same process asking twice renews its own lease; another process (a row held by someone else) is refused.
    expect(taken).toEqual([true, true]);
    await getDb().updateTable("job_leases").set({ holder: "another process" }).where("name", "=", "test-job").execute();
    expect(await takeLease("test-job", 1_000, now + 500)).toBe(false);
    expect(await takeLease("test-job", 1_000, now + 1_000)).toBe(true);
    await releaseLease("test-job");
    expect(await getDb().selectFrom("job_leases").select("name").where("name", "=", "test-job").execute()).toEqual([]);
  });
});
