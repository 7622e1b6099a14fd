import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { endAllSessions, lucia } from "~/auth/session.server";
import { createApiToken, userFromApiToken } from "~/models/api-token.server";
import { authenticate, changePassword, getAccount, updateProfile } from "~/models/user.server";
import { parseForm, profileSchema } from "~/utils/validation.server";
import { createTestUser, refusalOf, statusOf, TEST_PASSWORD } from "./factories";

const NEW_PASSWORD = "a brand new passphrase";

async function userRow(id: number) {
  return getDb().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function sessionIds(userId: number): Promise<string[]> {
  const rows = await getDb().selectFrom("sessions").select("id").where("user_id", "=", userId).orderBy("id").execute();
  return rows.map((r) => r.id);
}

describe("a member's profile settings", () => {
  it("change the display name and bio at once, and the email once the new one is verified (tests/unit/identity.test.ts)", async () => {
    const member = await createTestUser({ username: "renamed" });
    await updateProfile(member, { displayName: "Rena Med", bio: "Line one.\nLine two.", email: "rena@example.net" });
    expect(await userRow(member.id)).toMatchObject({ display_name: "Rena Med", bio: "Line one.\nLine two.", email: "renamed@example.com" });
    expect(await getAccount(member.id)).toEqual({
      displayName: "Rena Med",
      bio: "Line one.\nLine two.",
      email: "renamed@example.com",
      pendingEmail: "rena@example.net",
      hasPassword: true,
    });
  });

  it("store an emptied display name and bio as none", async () => {
    const member = await createTestUser();
    await updateProfile(member, { displayName: "Someone", bio: "Something", email: `${member.id}@example.net` });
    await updateProfile(member, { displayName: "", bio: "", email: `${member.id}@example.net` });
    expect(await userRow(member.id)).toMatchObject({ display_name: null, bio: null });
  });

  it.each(["taken@example.com", "TAKEN@Example.com"])("report the email %j another account uses as a field error", async (email) => {
    await getDb().deleteFrom("users").where("email", "=", "taken@example.com").execute();
    await createTestUser({ username: "owner", email: "taken@example.com" });
    const member = await createTestUser();
    const before = await userRow(member.id);
    const refusal = await refusalOf(() => updateProfile(member, { displayName: "Changed", bio: "", email }));
    expect(refusal).toMatchObject({ status: 400, fields: { email: expect.any(String) } });
    expect(await userRow(member.id)).toEqual(before);
  });

  it("let a member keep their own email", async () => {
    const member = await createTestUser({ username: "keeper" });
    await updateProfile(member, { displayName: "K", bio: "", email: "keeper@example.com" });
    expect(await userRow(member.id)).toMatchObject({ display_name: "K", email: "keeper@example.com" });
  });

  it("need someone signed in", async () => {
    expect(await statusOf(() => updateProfile(null, { displayName: "", bio: "", email: "x@example.com" }))).toBe(403);
  });

  it.each([
    ["a 51-character display name", { displayName: "n".repeat(51), bio: "", email: "a@example.com" }, "displayName"],
    ["a 501-character bio", { displayName: "", bio: "b".repeat(501), email: "a@example.com" }, "bio"],
    ["an invalid email", { displayName: "", bio: "", email: "not-an-email" }, "email"],
  ])("reject %s next to the field", (_case, values, field) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(values)) data.set(key, value);
    const result = parseForm(profileSchema, data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });
});

const withToken = (token: string) => new Request("http://localhost/api/v1/x", { headers: { Authorization: `Bearer ${token}` } });

describe("changing the password", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const member = await createTestUser();
    const current = await lucia.createSession(member.id, {});
    const other = await lucia.createSession(member.id, {});
    const before = await userRow(member.id);
    const refusal = await refusalOf(() =>
      changePassword(member, { currentPassword: "not my password", newPassword: NEW_PASSWORD }, current.id),
    );
    expect(refusal).toMatchObject({ status: 400, fields: { currentPassword: expect.any(String) } });
    expect(await userRow(member.id)).toEqual(before);
    expect(await sessionIds(member.id)).toEqual([current.id, other.id].sort());
  });

  it("stores the new password and ends every other session, keeping the current one", async () => {
    const member = await createTestUser({ username: "rotator" });
    const someoneElse = await createTestUser();
    const current = await lucia.createSession(member.id, {});
    await lucia.createSession(member.id, {});
    await lucia.createSession(member.id, {});
    const theirs = await lucia.createSession(someoneElse.id, {});

    await changePassword(member, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, current.id);

    expect(await sessionIds(member.id)).toEqual([current.id]);
    expect(await sessionIds(someoneElse.id)).toEqual([theirs.id]);
    expect(await authenticate("rotator", NEW_PASSWORD)).toBe(member.id);
    expect(await authenticate("rotator", TEST_PASSWORD)).toBeNull();
  });
});

describe("a new password and API tokens", () => {
  it("revokes every API token in the same change when asked, and only then", async () => {
    const member = await createTestUser();
    const current = await lucia.createSession(member.id, {});
    const kept = await createApiToken(member, "kept");
    await changePassword(member, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, current.id);
    expect(await userFromApiToken(withToken(kept))).not.toBeNull();
    const revoked = await createApiToken(member, "revoked");
    await changePassword(member, { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD, revokeTokens: true }, current.id);
    expect(await userFromApiToken(withToken(revoked))).toBeNull();
    expect(await userFromApiToken(withToken(kept))).toBeNull();
  });

  it("a wrong current password revokes nothing", async () => {
    const member = await createTestUser();
    const current = await lucia.createSession(member.id, {});
    const token = await createApiToken(member, "kept");
    expect(
      await statusOf(() => changePassword(member, { currentPassword: "wrong", newPassword: NEW_PASSWORD, revokeTokens: true }, current.id)),
    ).toBe(400);
    expect(await userFromApiToken(withToken(token))).not.toBeNull();
  });
});

describe("signing out everywhere", () => {
  it("ends all of the member's sessions, this one too, and clears the cookie", async () => {
    const member = await createTestUser();
    const someoneElse = await createTestUser();
    await lucia.createSession(member.id, {});
    await lucia.createSession(member.id, {});
    const theirs = await lucia.createSession(someoneElse.id, {});

    const response = await endAllSessions(member.id);

    expect(await sessionIds(member.id)).toEqual([]);
    expect(await sessionIds(someoneElse.id)).toEqual([theirs.id]);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?signedOut=everywhere");
    expect(response.headers.get("Set-Cookie")).toMatch(/^cocreate_session=;.*Max-Age=0/);
  });
});
