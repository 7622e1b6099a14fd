import { accountIdFor, authenticate } from "~/models/user.server";
import { signInBlocked, signInFailed, signInSucceeded, type Limited } from "~/utils/rate-limit.server";

export type SignInCheck =
  | { ok: true; userId: number }
  | { ok: false; status: 400 | 429; message: string; headers?: Record<string, string> };

const MISMATCH = "That email or username and password don't match.";

const wait = (limit: Limited) => ({ "Retry-After": String(limit.retryAfter) });

/**
 * Checks a sign-in under the sign-in limits: failures are counted per IP and
 * per account, and an account is locked for a while after five in a row,
 * longer each time. While locked the password is not even checked.
 */
export async function checkSignIn(ip: string, login: string, password: string): Promise<SignInCheck> {
  // Email and username of one account share one count: five guesses, not five per spelling.
  const id = await accountIdFor(login);
  const account = id === null ? `login:${login.trim().toLowerCase()}` : `account:${id}`;
  const blocked = await signInBlocked(ip, account);
  if (blocked) {
    return {
      ok: false,
      status: 429,
      message: `Too many failed sign-ins. For your safety, please try again ${blocked.when}.`,
      headers: wait(blocked),
    };
  }
  const userId = await authenticate(login, password);
  if (userId !== null) {
    await signInSucceeded(account);
    return { ok: true, userId };
  }
  const locked = await signInFailed(ip, account);
  if (locked) {
    return {
      ok: false,
      status: 429,
      message: `${MISMATCH} After several failed tries this account is locked for a while: please try again ${locked.when}.`,
      headers: wait(locked),
    };
  }
  return { ok: false, status: 400, message: `${MISMATCH} Check them and try again.` };
}
