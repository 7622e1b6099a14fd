import { getDb } from "~db/client.server";
import { hashPassword } from "~/auth/password.server";
import { queuePasswordResetEmail } from "~/email/account-emails.server";
import { joinAccountByVerifiedEmail } from "./account-membership.server";
import { consumeToken, issueToken } from "./user-token.server";

/**
 * "Forgot your password?": when the address belongs to a member, a reset
 * link goes to it through the outbox. The caller answers the same either
 * way, so nobody learns which addresses have accounts; both ways read the
 * users table once, and the email is sent later by the background sender.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom("users")
        .select(["id", "email"])
        .where("email", "=", email)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!user) return;
      const token = await issueToken(trx, { userId: user.id, purpose: "reset_password", email: user.email });
      await queuePasswordResetEmail(trx, { userId: user.id, email: user.email }, token);
    });
}

/**
 * Sets a new password with a reset link, once: every session of the member
 * ends (the caller signs this browser in afresh) and every other reset link
 * of theirs stops working. Opening a link sent to the account's address
 * proves the address is theirs, so it counts as verified too.
 */
export async function resetPassword(token: string, newPassword: string): Promise<number> {
  const passwordHash = await hashPassword(newPassword);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const used = await consumeToken(trx, "reset_password", token);
      const now = Date.now();
      await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", used.userId).execute();
      const verified = await trx
        .updateTable("users")
        .set({ email_verified_at: now })
        .where("id", "=", used.userId)
        .where("email", "=", used.email)
        .where("email_verified_at", "is", null)
        .executeTakeFirst();
      if (Number(verified.numUpdatedRows) === 1) await joinAccountByVerifiedEmail(trx, used.userId, used.email);
      await trx.deleteFrom("sessions").where("user_id", "=", used.userId).execute();
      await trx
        .updateTable("user_tokens")
        .set({ used_at: now })
        .where("user_id", "=", used.userId)
        .where("purpose", "=", "reset_password")
        .where("used_at", "is", null)
        .execute();
      return used.userId;
    });
}
