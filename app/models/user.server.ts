import { getDb } from "~db/client.server";
import { forUpdate, includesIgnoringCase } from "~db/engine.server";
import type { Kysely, Transaction } from "kysely";
import type { Database, Role } from "~db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { can, type Actor } from "~/auth/permissions.server";
import { revokeAllApiTokens } from "./api-token.server";
import { recordAudit } from "./audit.server";
import { requestEmailChange } from "./email-change.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";
import { NO_PASSWORD } from "./identity-link.server";

type Db = Kysely<Database> | Transaction<Database>;

export type NewAccount = { username: string; email: string; password: string; role?: Role };

/**
 * Creates an account and returns its id; a taken username or email is
 * refused next to its field. An account an operator creates
 * (scripts/create-user.ts) is vouched for, so its address counts as verified;
 * members who sign up themselves start unverified (app/models/sign-up.server.ts).
 */
export async function createUser(input: NewAccount): Promise<number> {
  const db = getDb();
  const taken = await takenFields(input.username, input.email, db);
  if (taken) throw taken;
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db
      .insertInto("users")
      .values({
        username: input.username,
        email: input.email,
        password_hash: passwordHash,
        role: input.role ?? "member",
        created_at: Date.now(),
        email_verified_at: Date.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    // Two sign-ups racing for the same name: the unique index decides.
    throw (await takenFields(input.username, input.email, db)) ?? error;
  }
}

/** The refusal of a username or an email another account has (both, when both are taken). */
export async function takenFields(username: string, email: string, db: Db = getDb()): Promise<Invalid | null> {
  const rows = await db
    .selectFrom("users")
    .select(["username", "email"])
    .where((eb) => eb.or([eb("username", "=", username), eb("email", "=", email)]))
    .execute();
  const usernameTaken = rows.some((r) => r.username.toLowerCase() === username.toLowerCase());
  const emailTaken = rows.some((r) => r.email.toLowerCase() === email.toLowerCase());
  const emailMessage = "An account with this email already exists. Sign in instead?";
  if (usernameTaken) {
    const refusal = new Invalid("username", "That username is taken. Try another.");
    return emailTaken ? refusal.and("email", emailMessage) : refusal;
  }
  return emailTaken ? new Invalid("email", emailMessage) : null;
}

/** The account an email or username names, or null. */
export async function accountIdFor(login: string): Promise<number | null> {
  const needle = login.trim().toLowerCase();
  const user = await getDb()
    .selectFrom("users")
    .select("id")
    .where((eb) => eb.or([eb("email", "=", needle), eb("username", "=", needle)]))
    .executeTakeFirst();
  return user?.id ?? null;
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

export const USERS_PAGE_SIZE = 25;
/** The furthest page of the admin's user list a URL can ask for (250,000 members); a search narrows it down. */
export const USERS_PAGE_LAST = 10_000;

/** The admin's user list, newest first; `q` matches part of a username, email or display name. */
export async function searchUsers(viewer: Actor, { q = "", page = 1 }: { q?: string; page?: number } = {}) {
  ensure(viewer && can.manageUsers(viewer), Forbidden, "Only admins can manage users.");
  const needle = q.trim().toLowerCase();
  const rows = await getDb()
    .selectFrom("users")
    .select([
      "users.id",
      "users.username",
      "users.display_name as displayName",
      "users.email",
      "users.role",
      "users.created_at as joinedAt",
      "users.suspended_until as suspendedUntil",
      "users.account_id as accountId",
      "users.email_verified_at as emailVerifiedAt",
    ])
    .$if(needle.length > 0, (query) =>
      query.where((eb) =>
        eb.or((["users.username", "users.email", "users.display_name"] as const).map((column) => includesIgnoringCase(column, needle))),
      ),
    )
    .orderBy("users.created_at", "desc")
    .orderBy("users.id", "desc")
    .limit(USERS_PAGE_SIZE + 1)
    .offset((page - 1) * USERS_PAGE_SIZE)
    .execute();
  const now = Date.now();
  return {
    users: rows.slice(0, USERS_PAGE_SIZE).map(({ suspendedUntil, emailVerifiedAt, ...user }) => ({
      ...user,
      suspended: suspendedUntil !== null && suspendedUntil > now,
      emailVerified: emailVerifiedAt !== null,
    })),
    hasNextPage: rows.length > USERS_PAGE_SIZE,
  };
}

/**
 * Admins grant or revoke staff and make or demote admins. Nobody changes
 * their own role, and the last admin stays an admin, so the site always
 * keeps someone who can manage it.
 */
export async function changeRole(actor: Actor, userId: number, role: Role): Promise<void> {
  ensure(actor && can.manageUsers(actor), Forbidden, "Only admins can change roles.");
  ensure(actor.id !== userId, Forbidden, "You can't change your own role. Ask another admin.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // Every admin's row is locked first: two admins demoting each other at once take turns,
      // and the second finds the first demoted, so one admin always stays.
      const admins = await forUpdate(trx.selectFrom("users").select("id").where("role", "=", "admin")).execute();
      const target = await trx.selectFrom("users").select(["role", "username"]).where("id", "=", userId).executeTakeFirst();
      ensure(target, NotFound, "We couldn't find that member.");
      ensure(target.role !== role, Conflict, "role", `@${target.username} already has that role.`);
      if (target.role === "admin") {
        ensure(admins.length > 1, Conflict, "role", `@${target.username} is the last admin. Make someone else an admin first.`);
      }
      await trx.updateTable("users").set({ role }).where("id", "=", userId).execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "user.role",
        targetType: "user",
        targetId: userId,
        detail: `${target.role} → ${role}`,
      });
    });
}

/** What the settings page shows a signed-in member about their own account. */
export async function getAccount(userId: number) {
  const account = await getDb()
    .selectFrom("users")
    .select(["display_name as displayName", "bio", "email", "pending_email as pendingEmail", "password_hash"])
    .where("id", "=", userId)
    .executeTakeFirst();
  ensure(account, NotFound, "We couldn't find your account.");
  return {
    displayName: account.displayName ?? "",
    bio: account.bio ?? "",
    email: account.email,
    pendingEmail: account.pendingEmail,
    // A member the company's sign-in created has none until they set one through "Forgot your password?".
    hasPassword: account.password_hash !== NO_PASSWORD,
  };
}

export type ProfileInput = { displayName: string; bio: string; email: string };

/**
 * A member changes their own display name, bio and email; an email another
 * account uses is refused next to it. A new email takes effect only once it
 * is verified: it waits as `pending_email` and the link goes to it.
 */
export async function updateProfile(actor: Actor, input: ProfileInput): Promise<void> {
  ensure(actor && can.editProfile(actor), Forbidden, "Sign in to change your profile.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // The email column compares case-insensitively (collate nocase on SQLite, citext on PostgreSQL).
      const clash = await trx
        .selectFrom("users")
        .select("id")
        .where("email", "=", input.email)
        .where("id", "!=", actor.id)
        .executeTakeFirst();
      ensure(!clash, Invalid, "email", "Another account already uses this email address.");
      const current = await trx.selectFrom("users").select(["email", "pending_email"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
      const wanted = input.email.toLowerCase();
      await trx
        .updateTable("users")
        .set({
          display_name: input.displayName || null,
          bio: input.bio || null,
          ...(wanted === current.email.toLowerCase() ? { pending_email: null } : {}),
        })
        .where("id", "=", actor.id)
        .execute();
      if (wanted !== current.email.toLowerCase() && wanted !== current.pending_email?.toLowerCase()) {
        await requestEmailChange(trx, actor.id, input.email);
      }
    });
}

/**
 * Changes a member's password after checking the current one, and signs out
 * every other session at once: whoever might know the old password is out.
 * With `revokeTokens` every API token stops working in the same transaction.
 */
export async function changePassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string; revokeTokens?: boolean },
  keepSessionId: string,
): Promise<void> {
  ensure(actor, Forbidden, "Sign in to change your password.");
  const user = await getDb().selectFrom("users").select("password_hash").where("id", "=", actor.id).executeTakeFirst();
  ensure(user, NotFound, "We couldn't find your account.");
  ensure(await verifyPassword(user.password_hash, input.currentPassword), Invalid, "currentPassword", "That is not your current password.");
  const passwordHash = await hashPassword(input.newPassword);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", actor.id).execute();
      await trx.deleteFrom("sessions").where("user_id", "=", actor.id).where("id", "!=", keepSessionId).execute();
      if (input.revokeTokens) await revokeAllApiTokens(actor, trx);
    });
}
