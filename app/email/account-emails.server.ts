import type { Transaction } from "kysely";
import type { Database } from "~db/schema";
import { siteUrl } from "~/http/site-url.server";
import { getSiteSettings } from "~/models/site-settings.server";

/**
 * Emails about the account itself (verification and reset links, "someone
 * tried to sign up with your address", "your address changed"): queued in
 * the outbox in the caller's transaction like every email, sent at once
 * whatever the member's notification choices, with no unsubscribe footer.
 */
type AccountEmail = { userId: number; to: string; subject: string; lines: string[] };

async function queueAccountEmail(trx: Transaction<Database>, email: AccountEmail): Promise<void> {
  const { siteName } = await getSiteSettings(trx);
  const now = Date.now();
  await trx
    .insertInto("email_outbox")
    .values({
      user_id: email.userId,
      notification_id: null,
      kind: "account",
      delivery: "immediate",
      subject: `[${siteName}] ${email.subject}`,
      text_body: [...email.lines, "", `— ${siteName}`].join("\n"),
      status: "pending",
      next_attempt_at: now,
      digest_id: null,
      created_at: now,
      sent_at: null,
      to_address: email.to,
    })
    .execute();
}

const IGNORE = "If this wasn't you, you can ignore this email: nothing changes until the link is used.";

/** `returnTo`: the page the new member signed up from (already checked by safeRedirect), where the link brings them back. */
export function queueVerificationEmail(trx: Transaction<Database>, to: { userId: number; email: string }, token: string, returnTo = "/") {
  return queueAccountEmail(trx, {
    userId: to.userId,
    to: to.email,
    subject: "Confirm your email address",
    lines: [
      "Confirm that this is your email address by opening this link (it works for 3 days, once):",
      "",
      siteUrl(`/verify-email?${new URLSearchParams(returnTo === "/" ? { token } : { token, redirectTo: returnTo })}`),
      "",
      IGNORE,
    ],
  });
}

export function queuePasswordResetEmail(trx: Transaction<Database>, to: { userId: number; email: string }, token: string) {
  return queueAccountEmail(trx, {
    userId: to.userId,
    to: to.email,
    subject: "Reset your password",
    lines: [
      "Someone (hopefully you) asked to reset the password of your account.",
      "Choose a new one here (the link works for one hour, once):",
      "",
      siteUrl(`/reset-password?token=${token}`),
      "",
      "Setting a new password signs you out on every other device.",
      IGNORE,
    ],
  });
}

/** Sign-up with an address that already has an account answers "check your email" like any other; the owner hears of it here. */
export function queueSignupAttemptEmail(trx: Transaction<Database>, to: { userId: number; email: string }) {
  return queueAccountEmail(trx, {
    userId: to.userId,
    to: to.email,
    subject: "Someone tried to sign up with your email address",
    lines: [
      "Someone tried to create a new account with this email address, which already has an account here.",
      "",
      `If it was you, sign in: ${siteUrl("/login")}`,
      `Forgot your password? Reset it: ${siteUrl("/forgot-password")}`,
      "",
      "If it wasn't you, there is nothing to do: no account was created.",
    ],
  });
}

/** The old address hears that the account's address changed, so a takeover does not go unnoticed. */
export function queueEmailChangedEmail(trx: Transaction<Database>, to: { userId: number; email: string }, newEmail: string) {
  const [name, domain] = newEmail.split("@");
  const masked = `${(name ?? "").slice(0, 2)}…@${domain ?? ""}`;
  return queueAccountEmail(trx, {
    userId: to.userId,
    to: to.email,
    subject: "Your email address was changed",
    lines: [
      `The email address of your account is now ${masked}; emails no longer come to this address.`,
      "",
      `If you didn't do this, reset your password at once: ${siteUrl("/forgot-password")}`,
    ],
  });
}
