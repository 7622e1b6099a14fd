import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getEmailPreferences, unsubscribe } from "~/email/preferences.server";
import { createUnsubscribeToken, verifyUnsubscribeToken } from "~/email/unsubscribe-token.server";
import { notify } from "~/models/notification.server";
import { createTestThread, createTestUser } from "./factories";

describe("unsubscribe tokens", () => {
  it("name the member and the kind of email they were made for", async () => {
    const token = await createUnsubscribeToken(42, "status_changed");
    expect(await verifyUnsubscribeToken(token)).toEqual({ userId: 42, scope: "status_changed" });
    expect(await verifyUnsubscribeToken(await createUnsubscribeToken(7, "all"))).toEqual({ userId: 7, scope: "all" });
  });

  it("refuse anything forged, altered or malformed", async () => {
    const token = await createUnsubscribeToken(42, "reply");
    const [, , signature] = token.split(".");
    const forged = [
      `43.reply.${signature}`, // another member
      `42.all.${signature}`, // a wider scope
      `42.reply.${"A".repeat(43)}`,
      token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"),
      "42.reply",
      "",
      "42.nonsense." + signature,
      `${token}.extra`,
      "0.reply." + signature,
      "' OR 1=1 --",
    ];
    for (const value of forged) expect(await verifyUnsubscribeToken(value), value).toBeNull();
    expect(await verifyUnsubscribeToken(null)).toBeNull();
  });
});

describe("unsubscribing", () => {
  it("turns that kind of email off and cancels what is already queued of it", async () => {
    const member = await createTestUser();
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await notify(trx, [member.id], { kind: "reply", threadId, actorId: author.id });
        await notify(trx, [member.id], { kind: "status_changed", threadId, actorId: author.id });
      });

    await unsubscribe(member.id, "reply");

    const prefs = await getEmailPreferences(member.id);
    expect(prefs.reply).toBe("off");
    expect(prefs.status_changed).toBe("immediate");
    const rows = await getDb()
      .selectFrom("email_outbox")
      .select(["kind", "status"])
      .where("user_id", "=", member.id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { kind: "reply", status: "failed" },
      { kind: "status_changed", status: "pending" },
    ]);
  });

  it("from everything turns every kind off", async () => {
    const member = await createTestUser();
    await unsubscribe(member.id, "all");
    expect(Object.values(await getEmailPreferences(member.id)).every((d) => d === "off")).toBe(true);
  });
});
