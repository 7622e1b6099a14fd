import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { queuePasswordResetEmail } from "~/email/account-emails.server";
import { setEmailPreferences } from "~/email/preferences.server";
import { digestIntervalMs, gatherDigests } from "~/jobs/gather-digests.server";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "~/jobs/retry.server";
import { deliverDueEmails } from "~/jobs/send-emails.server";
import type { Mail, MailTransport } from "~/email/transport.server";
import { notify } from "~/models/notification.server";
import { createTestThread, createTestUser } from "./factories";

function recordingTransport(fail = false): MailTransport & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    name: "test",
    sent,
    async send(mail) {
      if (fail) throw new Error("connection refused");
      sent.push(mail);
    },
  };
}

async function queueFor(recipient: { id: number }, kinds: ("reply" | "status_changed")[]) {
  const author = await createTestUser();
  const threadId = await createTestThread(author, { title: "Offline mode" });
  await getDb()
    .transaction()
    .execute(async (trx) => {
      for (const kind of kinds) await notify(trx, [recipient.id], { kind, threadId, actorId: author.id, detail: "planned" });
    });
}

const outboxOf = (userId: number) => getDb().selectFrom("email_outbox").selectAll().where("user_id", "=", userId).orderBy("id").execute();

describe("delivering the outbox", () => {
  it("sends a due email to the member's address with an unsubscribe link and header, and marks it sent", async () => {
    const member = await createTestUser({ email: "reader@example.com" });
    await queueFor(member, ["reply"]);
    const transport = recordingTransport();
    const result = await deliverDueEmails(transport, Date.now() + 1);
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [mail] = transport.sent;
    expect(mail?.to).toBe("reader@example.com");
    expect(mail?.text).toMatch(/Unsubscribe from emails like this one \(one click, no sign-in\): http\S+\/unsubscribe\?token=\S+/);
    expect(mail?.headers["List-Unsubscribe"]).toMatch(/^<http\S+\/unsubscribe\?token=\S+>$/);
    expect(mail?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const [row] = await outboxOf(member.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(await deliverDueEmails(transport, Date.now() + 1)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("retries a failed send later with growing delays, then gives up", async () => {
    const member = await createTestUser();
    await queueFor(member, ["reply"]);
    const failing = recordingTransport(true);
    let now = Date.now() + 1;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueEmails(failing, now)).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [row] = await outboxOf(member.id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt, last_error: "connection refused" });
      expect(row?.next_attempt_at).toBe(now + (RETRY_DELAYS_MS[attempt - 1] ?? 0));
      // Not due again before the delay has passed.
      expect(await deliverDueEmails(failing, now + 1)).toEqual({ sent: 0, retried: 0, failed: 0 });
      now = row!.next_attempt_at;
    }
    expect(await deliverDueEmails(failing, now)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await outboxOf(member.id))[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("delivers a retried email once the server answers again", async () => {
    const member = await createTestUser();
    await queueFor(member, ["reply"]);
    const now = Date.now() + 1;
    await deliverDueEmails(recordingTransport(true), now);
    const working = recordingTransport();
    await deliverDueEmails(working, now + (RETRY_DELAYS_MS[0] ?? 0));
    expect(working.sent).toHaveLength(1);
    expect((await outboxOf(member.id))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("the daily digest", () => {
  it("gathers each member's daily emails into one message once the oldest has waited a day", async () => {
    const [daily, otherDaily, immediate] = [await createTestUser(), await createTestUser(), await createTestUser()];
    await setEmailPreferences(daily, { reply: "daily", status_changed: "daily" });
    await setEmailPreferences(otherDaily, { reply: "daily" });
    await queueFor(daily, ["reply", "status_changed", "reply"]);
    await queueFor(otherDaily, ["reply"]);
    await queueFor(immediate, ["reply"]);

    // Not yet: nothing has waited a full day.
    expect(await gatherDigests(Date.now())).toBe(0);

    const later = Date.now() + digestIntervalMs() + 1;
    expect(await gatherDigests(later)).toBe(2);

    const rows = await outboxOf(daily.id);
    const digest = rows.find((r) => r.kind === "digest");
    const items = rows.filter((r) => r.kind !== "digest");
    expect(items).toHaveLength(3);
    expect(items.every((r) => r.status === "sent" && r.digest_id === digest?.id)).toBe(true);
    expect(digest).toMatchObject({ delivery: "immediate", status: "pending", subject: "[Cocreate] Your daily digest: 3 updates" });
    for (const item of items) expect(digest?.text_body).toContain(item.text_body);
    expect((await outboxOf(otherDaily.id)).filter((r) => r.kind === "digest")).toHaveLength(1);
    expect((await outboxOf(immediate.id)).map((r) => [r.kind, r.status])).toEqual([["reply", "pending"]]);

    const transport = recordingTransport();
    await deliverDueEmails(transport, later);
    const toDaily = transport.sent.filter((m) => m.userId === daily.id);
    expect(toDaily).toHaveLength(1);
    expect(toDaily[0]?.text).toContain("Unsubscribe from all Cocreate emails");
    // Gathering again finds nothing new.
    expect(await gatherDigests(later)).toBe(0);
  });
  it("sends a reset link queued behind a backlog of notifications in the first batch", async () => {
    const member = await createTestUser({ email: "busy@example.com" });
    await queueFor(member, ["reply", "reply", "status_changed", "reply"]);
    await getDb()
      .transaction()
      .execute((trx) => queuePasswordResetEmail(trx, { userId: member.id, email: "busy@example.com" }, "reset-token"));
    const transport = recordingTransport();
    await deliverDueEmails(transport, Date.now() + 1, 1);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]?.text).toContain("reset-token");
    const pending = (await outboxOf(member.id)).filter((row) => row.status === "pending");
    expect(pending.map((row) => row.kind)).toEqual(["reply", "reply", "status_changed", "reply"]);
  });
});
