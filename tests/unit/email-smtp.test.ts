import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getEmailPreferences, unsubscribe } from "~/email/preferences.server";
import { deliverDueEmails } from "~/jobs/send-emails.server";
import { verifyUnsubscribeToken } from "~/email/unsubscribe-token.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { vote } from "~/models/vote.server";
import { createTestThread, createTestUser } from "./factories";
import { smtpInbox } from "./smtp-inbox";

// A real SMTP server in the test process: what arrives here is what a mail server would get.
const inbox = smtpInbox();
const received = inbox.received;

describe("email over SMTP", () => {
  it("tells a voter their idea shipped, with a working one-click unsubscribe link", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const voter = await createTestUser({ username: "voter-smtp", email: "voter-smtp@example.com" });
    const threadId = await createTestThread(author, { kind: "idea", title: "Pause recurring invoices" });
    await vote(voter, threadId);
    await setIdeaStatus(staff, threadId, { status: "shipped", note: "Pause any schedule from its settings page." });

    const result = await deliverDueEmails(inbox.transport(), Date.now() + 1);
    expect(result.failed).toBe(0);
    expect(result.retried).toBe(0);

    const toVoter = received.filter((r) => r.to.includes("voter-smtp@example.com"));
    expect(toVoter).toHaveLength(1);
    const { mail } = toVoter[0]!;
    expect(mail.subject).toBe("[Cocreate] “Pause recurring invoices” is now shipped");
    expect(mail.from?.text).toContain("Cocreate");
    expect(mail.text).toContain("Pause any schedule from its settings page.");
    expect(mail.text).toMatch(new RegExp(`/threads/${threadId}/pause-recurring-invoices`));

    const link = mail.text?.match(/Unsubscribe from emails like this one \(one click, no sign-in\): (\S+)/)?.[1];
    expect(link).toBeDefined();
    // Long header lines are folded; unfold them to compare.
    const headerLine = (key: string) => (mail.headerLines.find((h) => h.key === key)?.line ?? "").replace(/\r\n\s+/g, " ");
    expect(headerLine("list-unsubscribe")).toBe(`List-Unsubscribe: <${link}>`);
    expect(headerLine("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    // Following the link: its token names this voter and this kind of email, and using it turns that kind off.
    const token = new URL(link!).searchParams.get("token");
    const verified = await verifyUnsubscribeToken(token);
    expect(verified).toEqual({ userId: voter.id, scope: "status_changed" });
    await unsubscribe(verified!.userId, verified!.scope);
    expect((await getEmailPreferences(voter.id)).status_changed).toBe("off");

    // The next status change still notifies on the site, but sends the voter no email.
    const other = await createTestThread(author, { kind: "idea", title: "Another idea" });
    await vote(voter, other);
    await setIdeaStatus(staff, other, { status: "planned", note: "Decided in review." });
    const queued = await getDb()
      .selectFrom("email_outbox")
      .select("id")
      .where("user_id", "=", voter.id)
      .where("status", "=", "pending")
      .execute();
    expect(queued).toHaveLength(0);
  });
});

describe("a round of emails", () => {
  it("goes out over a few kept connections, not one connection per email", async () => {
    const member = await createTestUser({ email: "many-emails@example.com" });
    const now = Date.now();
    await getDb()
      .insertInto("email_outbox")
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          user_id: member.id,
          notification_id: null,
          kind: "account" as const,
          delivery: "immediate" as const,
          subject: `Round email ${i}`,
          text_body: `Email ${i} of a round.`,
          status: "pending" as const,
          next_attempt_at: now,
          digest_id: null,
          created_at: now,
          sent_at: null,
          to_address: null,
        })),
      )
      .execute();
    const before = inbox.connections();
    const result = await deliverDueEmails(inbox.transport(), now + 1);
    expect(result.sent).toBeGreaterThanOrEqual(12);
    expect(received.filter((r) => r.mail.subject?.startsWith("Round email")).map((r) => r.mail.subject)).toHaveLength(12);
    expect(inbox.connections() - before).toBeLessThanOrEqual(5);
  });
});
