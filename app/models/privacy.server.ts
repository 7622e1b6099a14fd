import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import { verifyPassword } from "~/auth/password.server";
import { can, type Actor } from "~/auth/permissions.server";
import { Conflict, ensure, Invalid, NotFound, SignInRequired } from "./errors.server";
import { NO_PASSWORD } from "./identity-link.server";

/**
 * Everything the member wrote and everything the site keeps about them, as
 * one JSON-ready object: profile, threads, replies, votes, measures and
 * verdicts, notifications, sessions' times and browsers (never their ids),
 * email preferences and sign-in links.
 */
export async function exportMyData(actor: Actor) {
  ensure(actor && can.manageOwnAccount(actor), SignInRequired, "Sign in to download your data.");
  const db = getDb();
  const own = <T extends "threads" | "posts">(table: T) => db.selectFrom(table as "threads").where("author_id", "=", actor.id);
  const [profile, threads, replies, votes, measures, notifications, sessions, emailPreferences, signInLinks] = await Promise.all([
    db
      .selectFrom("users")
      .select(["username", "display_name", "email", "pending_email", "email_verified_at", "bio", "role", "created_at", "trust_level"])
      .where("id", "=", actor.id)
      .executeTakeFirst(),
    own("threads").select(["id", "kind", "title", "body", "status", "created_at", "edited_at"]).orderBy("id").execute(),
    db
      .selectFrom("posts")
      .select(["id", "thread_id", "body", "created_at", "edited_at"])
      .where("author_id", "=", actor.id)
      .orderBy("id")
      .execute(),
    db.selectFrom("votes").select(["thread_id", "created_at"]).where("user_id", "=", actor.id).orderBy("thread_id").execute(),
    db
      .selectFrom("success_measures")
      .select(["thread_id", "measure", "verdict", "verdict_comment", "verdict_at", "created_at", "updated_at"])
      .where("user_id", "=", actor.id)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("notifications")
      .select(["kind", "thread_id", "post_id", "detail", "created_at", "read_at"])
      .where("user_id", "=", actor.id)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("sessions")
      .select(["created_at", "last_seen_at", "user_agent"])
      .where("user_id", "=", actor.id)
      .orderBy("created_at")
      .execute(),
    db.selectFrom("email_preferences").select(["kind", "delivery"]).where("user_id", "=", actor.id).execute(),
    db.selectFrom("identity_links").select(["issuer", "email", "created_at", "last_used_at"]).where("user_id", "=", actor.id).execute(),
  ]);
  ensure(profile, NotFound, "We couldn't find your account.");
  return {
    exportedAt: new Date().toISOString(),
    profile,
    threads,
    replies,
    votes,
    measures,
    notifications,
    sessions,
    emailPreferences,
    signInLinks,
  };
}

/** A sign-in with the company's account this recent confirms deleting an account instead of a password. */
export const FRESH_SSO_MS = 5 * 60_000;

/**
 * How deleting this account is confirmed: whether the member has a password
 * (a member the company's sign-in created has none) and whether this
 * session began with a sign-in at the provider in the last few minutes.
 */
export async function deletionConfirmation(actor: NonNullable<Actor>, sessionId: string | null, now = Date.now()) {
  const [user, session] = await Promise.all([
    getDb().selectFrom("users").select("password_hash").where("id", "=", actor.id).executeTakeFirst(),
    sessionId
      ? getDb()
          .selectFrom("sessions")
          .select("sso_signed_in_at")
          .where("id", "=", sessionId)
          .where("user_id", "=", actor.id)
          .executeTakeFirst()
      : undefined,
  ]);
  const ssoAt = session?.sso_signed_in_at ?? null;
  return { hasPassword: !!user && user.password_hash !== NO_PASSWORD, freshSso: ssoAt !== null && now - ssoAt <= FRESH_SSO_MS };
}

/**
 * Deletes the member's account after their password (or a sign-in with the
 * company's account in the last five minutes, on this session) and a typed
 * confirmation (their username): email, name, bio, sessions, tokens,
 * preferences, sign-in links and notifications go; the row stays, renamed
 * and unusable, so their posts keep an author shown as "a former member".
 * The last admin cannot delete themselves: the site would have nobody to run it.
 */
export async function deleteOwnAccount(
  actor: Actor,
  input: { password: string; confirm: string },
  sessionId: string | null = null,
): Promise<void> {
  ensure(actor && can.manageOwnAccount(actor), SignInRequired, "Sign in to delete your account.");
  const db = getDb();
  const user = await db.selectFrom("users").select(["username", "password_hash", "role"]).where("id", "=", actor.id).executeTakeFirst();
  ensure(user, NotFound, "We couldn't find your account.");
  const { hasPassword, freshSso } = await deletionConfirmation(actor, sessionId);
  if (!freshSso) {
    ensure(
      hasPassword,
      Invalid,
      "password",
      "Sign in with your company account again (within five minutes) to confirm it is you, then delete.",
    );
    ensure(input.password !== "", Invalid, "password", "Enter your password.");
    ensure(await verifyPassword(user.password_hash, input.password), Invalid, "password", "That is not your password.");
  }
  ensure(input.confirm.trim().toLowerCase() === user.username, Invalid, "confirm", `Type your username, ${user.username}, to confirm.`);
  await db.transaction().execute(async (trx) => {
    if (user.role === "admin") {
      // Every admin row locked: two admins deleting themselves at once can't both count the other.
      const admins = await forUpdate(
        trx.selectFrom("users").select("id").where("role", "=", "admin").where("deleted_at", "is", null),
      ).execute();
      ensure(admins.length > 1, Conflict, "form", "You are the last admin. Make someone else an admin before deleting your account.");
    }
    const deleted = await trx
      .updateTable("users")
      .set({
        username: `former-member-${actor.id}`,
        email: `former-member-${actor.id}@deleted.invalid`,
        pending_email: null,
        email_verified_at: null,
        display_name: null,
        bio: null,
        password_hash: "!deleted",
        role: "member",
        account_id: null,
        deleted_at: Date.now(),
      })
      .where("id", "=", actor.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    ensure(Number(deleted.numUpdatedRows) === 1, Conflict, "form", "This account is already deleted.");
    for (const table of [
      "sessions",
      "user_tokens",
      "email_preferences",
      "identity_links",
      "api_tokens",
      "notifications",
      "email_outbox",
    ] as const) {
      await trx.deleteFrom(table).where("user_id", "=", actor.id).execute();
    }
  });
}
