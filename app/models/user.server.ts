import { getDb } from "~db/client.server";
import type { Role } from "~db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import type { FieldErrors } from "~/utils/validation";
import { endAllSessions } from "./session.server";

export type NewAccount = { username: string; email: string; password: string; role?: Role };
export type AccountResult = { ok: true; userId: number } | { ok: false; errors: FieldErrors };

/** Creates an account; a taken username or email comes back as a field error, not an exception. */
export async function createUser(input: NewAccount): Promise<AccountResult> {
  const errors = await takenFields(input.username, input.email);
  if (errors) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await getDb()
      .insertInto("users")
      .values({
        username: input.username,
        email: input.email,
        password_hash: passwordHash,
        role: input.role ?? "member",
        created_at: Date.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, userId: row.id };
  } catch (error) {
    // Two sign-ups racing for the same name: the unique index decides.
    const raced = await takenFields(input.username, input.email);
    if (raced) return { ok: false, errors: raced };
    throw error;
  }
}

async function takenFields(username: string, email: string): Promise<FieldErrors | null> {
  const rows = await getDb()
    .selectFrom("users")
    .select(["username", "email"])
    .where((eb) => eb.or([eb("username", "=", username), eb("email", "=", email)]))
    .execute();
  if (rows.length === 0) return null;
  const errors: FieldErrors = {};
  if (rows.some((r) => r.username.toLowerCase() === username.toLowerCase())) {
    errors.username = "That username is taken. Try another.";
  }
  if (rows.some((r) => r.email.toLowerCase() === email.toLowerCase())) {
    errors.email = "An account with this email already exists. Sign in instead?";
  }
  return errors;
}

/** Checks a sign-in by email or username. Same answer for an unknown account and a wrong password. */
export async function authenticate(login: string, password: string): Promise<number | null> {
  const needle = login.trim().toLowerCase();
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where((eb) => eb.or([eb("email", "=", needle), eb("username", "=", needle)]))
    .executeTakeFirst();
  if (!user) {
    // Spend the same time as a real check so timing does not reveal which accounts exist.
    dummyHash ??= hashPassword("no account has this password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.password_hash, password)) ? user.id : null;
}

let dummyHash: Promise<string> | undefined;

export async function setRole(userId: number, role: Role): Promise<void> {
  await getDb().updateTable("users").set({ role }).where("id", "=", userId).execute();
}

export async function getUserByEmail(email: string) {
  return getDb()
    .selectFrom("users")
    .select(["id", "username", "email", "role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/**
 * Replaces a member's password once the current one is confirmed. Every
 * other session of theirs ends (a thief signed in elsewhere is thrown out);
 * `keepSessionId`, the session making the change, stays signed in.
 */
export async function changePassword(
  userId: number,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<{ ok: true; endedSessions: number } | { ok: false; errors: FieldErrors }> {
  const user = await getDb().selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    return { ok: false, errors: { currentPassword: "That is not your current password." } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await getDb().updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
  const endedSessions = await endAllSessions(userId, { except: keepSessionId });
  return { ok: true, endedSessions };
}
