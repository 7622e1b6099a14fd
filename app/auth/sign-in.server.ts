import { Invalid, RateLimited } from "~/models/errors.server";
import { accountIdFor, authenticate } from "~/models/user.server";
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
