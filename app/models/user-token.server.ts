import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, TokenPurpose } from "~db/schema";
import { Invalid } from "./errors.server";

type Db = Kysely<Database>;

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  reset_password: 3_600_000,
  verify_email: 3 * 86_400_000,
};

/** 32 random bytes, base64url: always 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes a single-use link's token and keeps only its hash; the caller puts the token in an email, in the same transaction. */
export async function issueToken(
  trx: Transaction<Database>,
  input: { userId: number; purpose: TokenPurpose; email: string },
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("user_tokens")
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashOf(token),
      email: input.email,
      created_at: now,
      expires_at: now + TOKEN_LIFETIME_MS[input.purpose],
      used_at: null,
    })
    .execute();
  return token;
}

export type UsedToken = { id: number; userId: number; email: string };

const WHAT: Record<TokenPurpose, string> = { reset_password: "password reset link", verify_email: "verification link" };
const AGAIN: Record<TokenPurpose, string> = {
  reset_password: "Ask for a new one on the “Forgot your password?” page.",
  verify_email: "Sign in and ask for a new one.",
};

/** The token's row if it can still be used; truncated, forged, expired and reused links are each refused with their own message (field "token"). */
async function usableToken(db: Db, purpose: TokenPurpose, token: string, now: number) {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Invalid("token", `This ${WHAT[purpose]} is incomplete: copy the whole link from the email. ${AGAIN[purpose]}`);
  }
  const row = await db
    .selectFrom("user_tokens")
    .select(["id", "user_id", "email", "expires_at", "used_at"])
    .where("token_hash", "=", hashOf(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!row) throw new Invalid("token", `This ${WHAT[purpose]} is not one we sent. ${AGAIN[purpose]}`);
  if (row.used_at !== null) throw new Invalid("token", `This ${WHAT[purpose]} has already been used. ${AGAIN[purpose]}`);
  if (row.expires_at <= now) throw new Invalid("token", `This ${WHAT[purpose]} has expired. ${AGAIN[purpose]}`);
  return row;
}

/** Whether a link can still be used, without using it: the page it opens shows its form only then. */
export async function checkToken(purpose: TokenPurpose, token: string, now = Date.now()): Promise<void> {
  await usableToken(getDb(), purpose, token, now);
}

/**
 * Uses a token once: a conditional update that only an unused, unexpired
 * token passes, its row count checked, so two clicks at once make one
 * success. A refused token changes nothing.
 */
export async function consumeToken(trx: Transaction<Database>, purpose: TokenPurpose, token: string, now = Date.now()): Promise<UsedToken> {
  const row = await usableToken(trx, purpose, token, now);
  const used = await trx
    .updateTable("user_tokens")
    .set({ used_at: now })
    .where("id", "=", row.id)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new Invalid("token", `This ${WHAT[purpose]} has already been used. ${AGAIN[purpose]}`);
  return { id: row.id, userId: row.user_id, email: row.email };
}
