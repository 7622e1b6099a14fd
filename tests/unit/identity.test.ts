import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { lucia } from "~/auth/session.server";
import { deliverDueEmails } from "~/jobs/send-emails.server";
import { requestPasswordReset, resetPassword } from "~/models/password-reset.server";
import { resendVerification, signUp, verifyEmail } from "~/models/sign-up.server";
import { createThread } from "~/models/thread.server";
import { deleteOwnAccount, exportMyData } from "~/models/privacy.server";
import { endOwnSession, listSessions } from "~/models/session-list.server";
import { authenticate, searchUsers, updateProfile } from "~/models/user.server";
import { createAccount } from "./identity-fixtures";
import { smtpInbox } from "./smtp-inbox";
import { createTestProduct, createTestThread, createTestUser, refusalOf, TEST_PASSWORD } from "./factories";
import { vote } from "~/models/vote.server";
import { getDeliveries } from "~/email/preferences.server";

// A real SMTP server in the test process receives the reset and verification emails.
const inbox = smtpInbox();
const received = inbox.received;

/** Sends what the outbox holds over SMTP and returns the mails that reached `to`. */
async function mailTo(to: string): Promise<ParsedMail[]> {
  await deliverDueEmails(inbox.transport(), Date.now() + 1);
  return received.filter((r) => r.to.includes(to)).map((r) => r.mail);
}

const linkIn = (mail: ParsedMail | undefined, path: string) => mail?.text?.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];

async function userRow(id: number) {
  return getDb().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("password reset", () => {
  it("emails a one-hour link that sets the password once, ends every session and signs in nobody else", async () => {
    const member = await createTestUser({ email: "forgetful@example.com" });
    await lucia.createSession(member.id, {});
    await lucia.createSession(member.id, {});
    await requestPasswordReset("forgetful@example.com");
    const [mail] = await mailTo("forgetful@example.com");
    expect(mail?.subject).toBe("[Cocreate] Reset your password");
    const token = linkIn(mail, "/reset-password");
    expect(token).toHaveLength(43);
    const stored = await getDb().selectFrom("user_tokens").selectAll().where("user_id", "=", member.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token!);
    expect(stored.expires_at - stored.created_at).toBe(3_600_000);

    expect(await resetPassword(token!, "a new long password")).toBe(member.id);
    expect(await authenticate("forgetful@example.com", "a new long password")).toBe(member.id);
    expect(await authenticate("forgetful@example.com", TEST_PASSWORD)).toBeNull();
    expect(await getDb().selectFrom("sessions").select("id").where("user_id", "=", member.id).execute()).toHaveLength(0);

    const reused = await refusalOf(() => resetPassword(token!, "yet another password"));
    expect(reused).toMatchObject({ status: 400, fields: { token: expect.stringContaining("already been used") } });
    expect(await authenticate("forgetful@example.com", "a new long password")).toBe(member.id);
  });

  it("answers an unknown address exactly like a known one and sends nothing", async () => {
    const before = await getDb().selectFrom("email_outbox").select("id").execute();
    await expect(requestPasswordReset("nobody-here@example.com")).resolves.toBeUndefined();
    expect(await getDb().selectFrom("email_outbox").select("id").execute()).toHaveLength(before.length);
  });

  it.each([
    ["truncated", (t: string) => t.slice(0, 20), "incomplete"],
    ["forged", () => "A".repeat(43), "not one we sent"],
  ])("refuses a %s token and changes nothing", async (_what, spoil, message) => {
    const member = await createTestUser();
    const email = `${member.id}-spoiled@example.com`;
    await getDb().updateTable("users").set({ email }).where("id", "=", member.id).execute();
    await requestPasswordReset(email);
    const token = linkIn((await mailTo(email))[0], "/reset-password")!;
    const hashBefore = (await userRow(member.id)).password_hash;
    expect((await refusalOf(() => resetPassword(spoil(token), "a new long password"))).fields.token).toContain(message);
    expect((await userRow(member.id)).password_hash).toBe(hashBefore);
  });

  it("refuses an expired token", async () => {
    const member = await createTestUser();
    const { email } = await userRow(member.id);
    await requestPasswordReset(email);
    const token = linkIn((await mailTo(email))[0], "/reset-password")!;
    await getDb()
      .updateTable("user_tokens")
      .set({ expires_at: Date.now() - 1 })
      .where("user_id", "=", member.id)
      .execute();
    expect((await refusalOf(() => resetPassword(token, "a new long password"))).fields.token).toContain("expired");
  });

  it("lets only one of two simultaneous uses of a link through", async () => {
    const member = await createTestUser();
    const { email } = await userRow(member.id);
    await requestPasswordReset(email);
    const token = linkIn((await mailTo(email))[0], "/reset-password")!;
    const results = await Promise.allSettled([resetPassword(token, "first new password"), resetPassword(token, "second new password")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});

describe("sign-up and verified email", () => {
  it("answers a taken address like a free one, and tells its owner someone tried", async () => {
    const owner = await createTestUser({ username: "address-owner", email: "owner@example.com" });
    const users = async () => (await getDb().selectFrom("users").select("id").execute()).length;
    const count = await users();
    await expect(signUp({ username: "impostor", email: "OWNER@example.com", password: "a long password" })).resolves.toBeUndefined();
    expect(await users()).toBe(count);
    const [mail] = await mailTo("owner@example.com");
    expect(mail?.subject).toBe("[Cocreate] Someone tried to sign up with your email address");
    expect(mail?.text).toContain("/forgot-password");
    expect(mail?.text).toContain("/login");
    expect((await userRow(owner.id)).username).toBe("address-owner");
  });

  it("still refuses a taken username next to its field (profiles are public)", async () => {
    await createTestUser({ username: "publicname" });
    expect(
      await refusalOf(() => signUp({ username: "publicname", email: "fresh@example.com", password: "a long password" })),
    ).toMatchObject({
      status: 400,
      field: "username",
    });
  });

  it("creates an unverified member who may read but not post or vote until the emailed link is opened", async () => {
    await signUp({ username: "newcomer", email: "newcomer@example.com", password: "a long password" });
    const row = await getDb().selectFrom("users").selectAll().where("username", "=", "newcomer").executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
    const actor = { id: row.id, role: row.role, suspendedUntil: null, emailVerifiedAt: null };
    const productId = await createTestProduct();
    expect((await refusalOf(() => createThread(actor, { productId, kind: "discussion", title: "Hello there", body: "Hi" }))).status).toBe(
      403,
    );
    const idea = await createTestThread(await createTestUser(), { kind: "idea" });
    expect((await refusalOf(() => vote(actor, idea))).status).toBe(403);

    const [mail] = await mailTo("newcomer@example.com");
    expect(mail?.subject).toBe("[Cocreate] Confirm your email address");
    expect(await verifyEmail(linkIn(mail, "/verify-email")!)).toBe(row.id);
    const verifiedAt = (await userRow(row.id)).email_verified_at;
    expect(verifiedAt).not.toBeNull();
    await createThread({ ...actor, emailVerifiedAt: verifiedAt }, { productId, kind: "discussion", title: "Hello there", body: "Hi" });
    expect((await refusalOf(() => verifyEmail(linkIn(mail, "/verify-email")!))).fields.token).toContain("already been used");
  });

  it("sends the link again, and no notification email reaches an unverified member", async () => {
    const member = await createTestUser({ unverified: true, email: "unverified@example.com" });
    await resendVerification(member);
    const mails = await mailTo("unverified@example.com");
    expect(mails.map((m) => m.subject)).toEqual(["[Cocreate] Confirm your email address"]);
    const verified = await createTestUser();
    await expect(resendVerification(verified)).rejects.toThrow("already verified");
    const deliveries = await getDeliveries(getDb(), "reply", [member.id, verified.id]);
    expect([deliveries.get(member.id), deliveries.get(verified.id)]).toEqual(["off", "immediate"]);
  });

  it("joins the customer account of a verified address's domain", async () => {
    const accountId = await createAccount("acme", "acme.example");
    await signUp({ username: "acme-person", email: "person@acme.example", password: "a long password" });
    const token = linkIn((await mailTo("person@acme.example"))[0], "/verify-email")!;
    const userId = await verifyEmail(token);
    expect((await userRow(userId)).account_id).toBe(accountId);
  });
});

describe("changing the email address", () => {
  it("takes effect once the new address is verified, and tells the old one", async () => {
    const member = await createTestUser({ email: "old-address@example.com" });
    await updateProfile(member, { displayName: "", bio: "", email: "new-address@example.com" });
    expect(await userRow(member.id)).toMatchObject({ email: "old-address@example.com", pending_email: "new-address@example.com" });
    const token = linkIn((await mailTo("new-address@example.com"))[0], "/verify-email")!;
    await verifyEmail(token);
    expect(await userRow(member.id)).toMatchObject({ email: "new-address@example.com", pending_email: null });
    const toOld = await mailTo("old-address@example.com");
    expect(toOld.map((m) => m.subject)).toContain("[Cocreate] Your email address was changed");
  });
});

describe("a member's signed-in browsers", () => {
  const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
  const SAFARI =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  it("lists each with its browser in words, and signs one out without touching anyone else's", async () => {
    const member = await createTestUser();
    const other = await createTestUser();
    const here = await lucia.createSession(member.id, { user_agent: FIREFOX });
    await lucia.createSession(member.id, { user_agent: SAFARI });
    const othersSession = await lucia.createSession(other.id, { user_agent: FIREFOX });

    const listed = await listSessions(member, here.id);
    expect(listed.map((s) => [s.browser, s.current])).toEqual([
      ["Firefox on Windows", true],
      ["Safari on iOS", false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(here.id);

    const [othersHandle] = (await listSessions(other, othersSession.id)).map((s) => s.handle);
    expect((await refusalOf(() => endOwnSession(member, othersHandle!, here.id))).status).toBe(404);
    expect(await endOwnSession(member, listed[1]!.handle, here.id)).toEqual({ current: false });
    expect((await listSessions(member, here.id)).map((s) => s.browser)).toEqual(["Firefox on Windows"]);
    expect(await listSessions(other, othersSession.id)).toHaveLength(1);
  });
});

describe("the admin's list of members", () => {
  it("says whose address is verified", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestUser({ username: "listed-verified" });
    await createTestUser({ username: "listed-unverified", unverified: true });
    const { users } = await searchUsers(admin, { q: "listed-" });
    expect(Object.fromEntries(users.map((u) => [u.username, u.emailVerified]))).toEqual({
      "listed-verified": true,
      "listed-unverified": false,
    });
  });
});

describe("a member's own data", () => {
  it("exports what they wrote and what the site keeps, never a session id", async () => {
    const member = await createTestUser({ username: "exporter" });
    const threadId = await createTestThread(member, { kind: "idea", title: "Export me" });
    const session = await lucia.createSession(member.id, { user_agent: "Firefox" });
    const data = await exportMyData(member);
    expect(data.profile).toMatchObject({ username: "exporter", email: "exporter@example.com" });
    expect(data.threads.map((t) => t.id)).toEqual([threadId]);
    expect(data.sessions).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain(session.id);
    expect(JSON.stringify(data)).not.toContain("argon2");
  });

  it("deletes the account with the password and the typed username; posts stay, by a former member", async () => {
    const member = await createTestUser({ username: "leaving" });
    const threadId = await createTestThread(member);
    await lucia.createSession(member.id, {});
    expect((await refusalOf(() => deleteOwnAccount(member, { password: "wrong password", confirm: "leaving" }))).field).toBe("password");
    expect((await refusalOf(() => deleteOwnAccount(member, { password: TEST_PASSWORD, confirm: "someone" }))).field).toBe("confirm");
    expect((await userRow(member.id)).deleted_at).toBeNull();

    await deleteOwnAccount(member, { password: TEST_PASSWORD, confirm: "Leaving" });
    const row = await userRow(member.id);
    expect(row).toMatchObject({ username: `former-member-${member.id}`, display_name: null, bio: null });
    expect(row.email).not.toContain("leaving");
    expect(row.deleted_at).not.toBeNull();
    expect(await getDb().selectFrom("sessions").select("id").where("user_id", "=", member.id).execute()).toEqual([]);
    expect((await getDb().selectFrom("threads").select("author_id").where("id", "=", threadId).executeTakeFirstOrThrow()).author_id).toBe(
      member.id,
    );
    expect(await authenticate("leaving@example.com", TEST_PASSWORD)).toBeNull();
  });

  it("keeps the last admin", async () => {
    await getDb().updateTable("users").set({ role: "member" }).where("role", "=", "admin").execute();
    const admin = await createTestUser({ role: "admin", username: "only-admin" });
    expect(await refusalOf(() => deleteOwnAccount(admin, { password: TEST_PASSWORD, confirm: "only-admin" }))).toMatchObject({
      status: 409,
      field: "form",
    });
    await createTestUser({ role: "admin" });
    await deleteOwnAccount(admin, { password: TEST_PASSWORD, confirm: "only-admin" });
    expect((await userRow(admin.id)).deleted_at).not.toBeNull();
  });
});
