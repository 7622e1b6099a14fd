import { createHash, randomBytes } from "node:crypto";
import type { ExpressionBuilder } from "kysely";
import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import type { Database, Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import type { SessionUser } from "~/auth/session.server";
import { noteViewer } from "~/utils/request-context.server";
import { Conflict, ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";

const MAX_TOKENS = 20;
const DAY = 86_400_000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token that still authenticates: not revoked, and not past its expiry. */
const usable = (eb: ExpressionBuilder<Database, "api_tokens">, now: number) =>
  eb.and([
    eb("api_tokens.revoked_at", "is", null),
    eb.or([eb("api_tokens.expires_at", "is", null), eb("api_tokens.expires_at", ">", now)]),
  ]);

/**
 * Creates a personal token that works for `lifetimeDays` (null: until
 * revoked); the token itself is returned once and never stored.
 */
export async function createApiToken(actor: Actor, name: string, lifetimeDays: number | null = null): Promise<string> {
  ensure(actor && can.manageApiTokens(actor), Forbidden, "Sign in to create API tokens.");
  const token = `cc_${randomBytes(24).toString("base64url")}`;
  const now = Date.now();
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // The member's row locked: two tokens created at once are counted one after the other.
      await forUpdate(trx.selectFrom("users").select("id").where("id", "=", actor.id)).execute();
      const active = await trx
        .selectFrom("api_tokens")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", actor.id)
        .where((eb) => usable(eb, now))
        .executeTakeFirstOrThrow();
      ensure(Number(active.n) < MAX_TOKENS, Conflict, `You can have at most ${MAX_TOKENS} tokens; revoke one first.`);
      await trx
        .insertInto("api_tokens")
        .values({
          user_id: actor.id,
          name,
          token_hash: hashToken(token),
          prefix: token.slice(0, 10),
          created_at: now,
          last_used_at: null,
          revoked_at: null,
          expires_at: lifetimeDays === null ? null : now + lifetimeDays * DAY,
        })
        .execute();
    });
  return token;
}

/** The actor's tokens that were not revoked, expired ones too (they say so), newest first. */
export async function listApiTokens(actor: Actor) {
  ensure(actor, SignInRequired, "Sign in to see your API tokens.");
  return getDb()
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "created_at as createdAt", "last_used_at as lastUsedAt", "expires_at as expiresAt"])
    .where("user_id", "=", actor.id)
    .where("revoked_at", "is", null)
    .orderBy("id", "desc")
    .execute();
}

/** Revokes every token of the actor at once ("sign out everywhere", a new password); returns how many. */
export async function revokeAllApiTokens(actor: Actor, db: Db = getDb()): Promise<number> {
  ensure(actor, SignInRequired, "Sign in to manage your API tokens.");
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: Date.now() })
    .where("user_id", "=", actor.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes one of the actor's own tokens; another member's token is a 404, as if it did not exist. */
export async function revokeApiToken(actor: Actor, tokenId: number): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to manage your API tokens.");
  const result = await getDb()
    .updateTable("api_tokens")
    .set({ revoked_at: Date.now() })
    .where("id", "=", tokenId)
    .where("user_id", "=", actor.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  ensure(Number(result.numUpdatedRows) === 1, NotFound, "We couldn't find that token.");
}

/** The member a request's `Authorization: Bearer cc_…` header belongs to, or null. */
export async function userFromApiToken(request: Request): Promise<SessionUser | null> {
  const match = request.headers.get("Authorization")?.match(/^Bearer (cc_[A-Za-z0-9_-]{32})$/);
  if (!match) return null;
  const row = await getDb()
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as tokenId",
      "users.id",
      "users.username",
      "users.display_name as displayName",
      "users.role",
      "users.suspended_until as suspendedUntil",
      "users.email_verified_at as emailVerifiedAt",
    ])
    .where("api_tokens.token_hash", "=", hashToken(match[1]!))
    .where((eb) => usable(eb, Date.now()))
    .executeTakeFirst();
  if (!row) return null;
  await getDb().updateTable("api_tokens").set({ last_used_at: Date.now() }).where("id", "=", row.tokenId).execute();
  const { tokenId: _tokenId, ...user } = row;
  noteViewer(user.id);
  // The API is a published surface: a token never reaches a co-design group's discussion, whoever holds it.
  return { ...user, groupIds: [] };
}
