import { getDb } from "~db/client.server";
import { Forbidden, Invalid, RateLimited } from "~/models/errors.server";
import { accountIdFor, authenticate } from "~/models/user.server";
import { ssoOffer } from "./oidc.server";
import { signInBlocked, signInFailed, signInSucceeded } from "~/http/rate-limit.server";

const MISMATCH = "That email or username and password don't match.";

/**
 * Checks a sign-in under the sign-in limits and returns the account's id:
 * failures are counted per IP and per account, and an account is locked for
 * a while after five in a row, longer each time. While locked the password
 * is not even checked. A refusal is about the form as a whole.
 */
export async function checkSignIn(ip: string, login: string, password: string): Promise<number> {
  // Email and username of one account share one count: five guesses, not five per spelling.
  const id = await accountIdFor(login);
  const account = id === null ? `login:${login.trim().toLowerCase()}` : `account:${id}`;
  const blocked = await signInBlocked(ip, account);
  if (blocked) {
    throw new RateLimited("form", `Too many failed sign-ins. For your safety, please try again ${blocked.when}.`, blocked.retryAfter);
  }
  await refuseWhenAdminsOnly(id);
  const userId = await authenticate(login, password);
  if (userId !== null) {
    await signInSucceeded(account);
    return userId;
  }
  const locked = await signInFailed(ip, account);
  if (locked) {
    const message = `${MISMATCH} After several failed tries this account is locked for a while: please try again ${locked.when}.`;
    throw new RateLimited("form", message, locked.retryAfter);
  }
  throw new Invalid("form", `${MISMATCH} Check them and try again.`);
}

/**
 * With OIDC_ONLY=1 members sign in with the company's account only: a
 * password opens the door for admins alone (their way back in when the
 * provider is down or misconfigured). Decided before the password is
 * checked, so the refusal says nothing about it.
 */
async function refuseWhenAdminsOnly(userId: number | null): Promise<void> {
  const sso = ssoOffer();
  if (!sso?.only) return;
  const user = userId === null ? undefined : await getDb().selectFrom("users").select("role").where("id", "=", userId).executeTakeFirst();
  if (user?.role === "admin") return;
  throw new Forbidden("form", `On this forum you sign in with ${sso.name}. Passwords are for administrators only.`);
}
