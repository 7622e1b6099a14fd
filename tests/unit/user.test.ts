import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { authenticate, createUser } from "~/models/user.server";
import { refusalOf } from "./factories";

const PASSWORD = "a long enough password";

async function userCount(): Promise<number> {
  return (await getDb().selectFrom("users").select("id").execute()).length;
}

async function signUp(username: string, email = `${username}@example.com`, password = PASSWORD) {
  return createUser({ username, email, password });
}

describe("creating an account", () => {
  beforeAll(async () => {
    await signUp("taken", "taken@example.com");
  });

  it("stores a member with an argon2id hash, never the password", async () => {
    const id = await signUp("hashcheck");
    const row = await getDb().selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.role).toBe("member");
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it("gives the same password a different hash for each account", async () => {
    const a = await signUp("saltone");
    const b = await signUp("salttwo");
    const rows = await getDb().selectFrom("users").select("password_hash").where("id", "in", [a, b]).execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });

  it.each(["taken", "TAKEN", "Taken"])('rejects the username %j because "taken" exists', async (username) => {
    const before = await userCount();
    const refusal = await refusalOf(() => createUser({ username, email: `new-${username}@example.com`, password: PASSWORD }));
    expect(refusal).toMatchObject({ status: 400, fields: { username: expect.any(String) } });
    expect(Object.keys(refusal.fields)).toEqual(["username"]);
    expect(await userCount()).toBe(before);
  });

  it.each(["taken@example.com", "Taken@Example.COM"])('rejects the email %j because "taken@example.com" exists', async (email) => {
    const before = await userCount();
    const refusal = await refusalOf(() => createUser({ username: "newcomer", email, password: PASSWORD }));
    expect(refusal).toMatchObject({ status: 400, fields: { email: expect.any(String) } });
    expect(Object.keys(refusal.fields)).toEqual(["email"]);
    expect(await userCount()).toBe(before);
  });

  it("reports both fields when both are taken", async () => {
    const refusal = await refusalOf(() => createUser({ username: "TAKEN", email: "TAKEN@example.com", password: PASSWORD }));
    expect(refusal.fields).toEqual({ username: expect.any(String), email: expect.any(String) });
  });
});

describe("signing in", () => {
  let userId: number;
  beforeAll(async () => {
    userId = await signUp("signin", "signin@example.com");
  });

  it.each([
    ["the email", "signin@example.com"],
    ["the email in another case", "SignIn@Example.com"],
    ["the username", "signin"],
    ["the username in another case", "SIGNIN"],
    ["the username with surrounding spaces", "  signin "],
  ])("accepts %s with the right password", async (_how, login) => {
    expect(await authenticate(login, PASSWORD)).toBe(userId);
  });

  it("rejects a wrong password", async () => {
    expect(await authenticate("signin", `${PASSWORD}!`)).toBeNull();
    expect(await authenticate("signin@example.com", "")).toBeNull();
  });

  it("rejects an unknown account", async () => {
    expect(await authenticate("nobody@example.com", PASSWORD)).toBeNull();
  });

  it("does not accept the stored hash as a password", async () => {
    const row = await getDb().selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(await authenticate("signin", row.password_hash)).toBeNull();
  });
});
