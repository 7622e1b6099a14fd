import { getDb } from "~db/client.server";
import { hashPassword } from "~/auth/password.server";
import { can, type Actor } from "~/auth/permissions.server";
import { queueEmailChangedEmail, queueSignupAttemptEmail, queueVerificationEmail } from "~/email/account-emails.server";
import { joinAccountByVerifiedEmail } from "./account-membership.server";
import { Conflict, ensure, Invalid, NotFound, SignInRequired } from "./errors.server";
import { consumeToken, issueToken } from "./user-token.server";
import { takenFields, type NewAccount } from "./user.server";

/**
 * Sign-up answers the same whether the address is free or taken ("check
 * your email"): a free address gets a new, unverified account and a
 * verification link; a taken one gets an email telling its owner someone
 * tried, with links to sign in or reset. A taken username is a field error
 * (profiles are public, so it tells nothing new). Both ways hash the
 * password, so the answer takes as long.
 */
export async function signUp(input: NewAccount, returnTo = "/"): Promise<void> {
  const taken = await takenFields(input.username, input.email);
  if (taken?.fields.username) throw new Invalid("username", taken.fields.username);
  const passwordHash = await hashPassword(input.password);
  try {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        const owner = await trx.selectFrom("users").select(["id", "email"]).where("email", "=", input.email).executeTakeFirst();
        if (owner) return queueSignupAttemptEmail(trx, { userId: owner.id, email: owner.email });
        const { id } = await trx
          .insertInto("users")
          .values({
            username: input.username,
            email: input.email,
            password_hash: passwordHash,
            role: "member",
            created_at: Date.now(),
            email_verified_at: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const token = await issueToken(trx, { userId: id, purpose: "verify_email", email: input.email });
        await queueVerificationEmail(trx, { userId: id, email: input.email }, token, returnTo);
      });
  } catch (error) {
    // Two sign-ups racing for one name or address: the unique index decides, and the loser hears what the first would have.
    const clash = await takenFields(input.username, input.email);
    if (clash?.fields.username) throw new Invalid("username", clash.fields.username);
    if (clash?.fields.email) return signUp(input, returnTo);
    throw error;
  }
}

/** The member the session's user is, as the banner and resend need it. */
export async function verificationState(userId: number) {
  const row = await getDb()
    .selectFrom("users")
    .select(["email", "pending_email as pendingEmail", "email_verified_at as verifiedAt"])
    .where("id", "=", userId)
    .executeTakeFirst();
  ensure(row, NotFound, "We couldn't find your account.");
  return row;
}

/**
 * Sends the verification link again: to the changed address while one
 * waits, else to the account's unverified address. The caller rate-limits it.
 */
export async function resendVerification(actor: Actor): Promise<void> {
  ensure(actor && can.manageOwnAccount(actor), SignInRequired, "Sign in to verify your email address.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .select(["email", "pending_email", "email_verified_at"])
        .where("id", "=", actor.id)
        .executeTakeFirst();
      ensure(user, NotFound, "We couldn't find your account.");
      const address = user.pending_email ?? (user.email_verified_at === null ? user.email : null);
      ensure(address, Conflict, "form", "Your email address is already verified.");
      const token = await issueToken(trx, { userId: actor.id, purpose: "verify_email", email: address });
      await queueVerificationEmail(trx, { userId: actor.id, email: address }, token);
    });
}

/**
 * Opens a verification link, once. For the account's own address it marks it
 * verified; for a changed address waiting to be verified it makes it the
 * account's address and tells the old one. Either way the member joins the
 * customer account whose domain the address has. Returns the member's id.
 */
export async function verifyEmail(token: string): Promise<number> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const used = await consumeToken(trx, "verify_email", token);
      const user = await trx
        .selectFrom("users")
        .select(["email", "pending_email", "email_verified_at"])
        .where("id", "=", used.userId)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      ensure(user, Invalid, "token", "This verification link belongs to an account that no longer exists.");
      const now = Date.now();
      if (user.pending_email !== null && user.pending_email.toLowerCase() === used.email.toLowerCase()) {
        const clash = await trx
          .selectFrom("users")
          .select("id")
          .where("email", "=", used.email)
          .where("id", "!=", used.userId)
          .executeTakeFirst();
        ensure(!clash, Invalid, "token", "Another account now uses this address, so it can't become yours.");
        await trx
          .updateTable("users")
          .set({ email: used.email, pending_email: null, email_verified_at: now })
          .where("id", "=", used.userId)
          .execute();
        await queueEmailChangedEmail(trx, { userId: used.userId, email: user.email }, used.email);
      } else if (user.email.toLowerCase() === used.email.toLowerCase()) {
        if (user.email_verified_at === null) {
          await trx.updateTable("users").set({ email_verified_at: now }).where("id", "=", used.userId).execute();
        }
      } else {
        throw new Invalid("token", "This verification link is for an address that is no longer on your account.");
      }
      await joinAccountByVerifiedEmail(trx, used.userId, used.email);
      return used.userId;
    });
}
