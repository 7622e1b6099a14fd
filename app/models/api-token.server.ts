import { createHash, randomBytes } from "node:crypto";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import type { SessionUser } from "~/auth/session.server";
import { invariantResponse } from "~/utils/http";
import { noteViewer } from "~/utils/request-context.server";

const MAX_TOKENS = 20;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a personal token; the token itself is returned once and never stored. */
export async function createApiToken(actor: Actor, name: string): Promise<string> {
  invariantResponse(actor && can.manageApiTokens(actor), "Sign in to create API tokens.", { status: 403 });
  const token = `cc_${randomBytes(24).toString("base64url")}`;
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const active = await trx
        .selectFrom("api_tokens")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", actor.id)
        .where("revoked_at", "is", null)
        .executeTakeFirstOrThrow();
      invariantResponse(Number(active.n) < MAX_TOKENS, `You can have at most ${MAX_TOKENS} tokens; revoke one first.`, { status: 409 });
      await trx
        .insertInto("api_tokens")
        .values({ user_id: actor.id, name, token_hash: hashToken(token), prefix: token.slice(0, 10), created_at: Date.now(), last_used_at: null, revoked_at: null })
        .execute();
    });
  return token;
}

export async function listApiTokens(actor: Actor) {
  invariantResponse(actor, "Sign in to see your API tokens.", { status: 401 });
  return getDb()
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "created_at as createdAt", "last_used_at as lastUsedAt"])
    .where("user_id", "=", actor.id)
    .where("revoked_at", "is", null)
    .orderBy("id", "desc")
    .execute();
}

/** Revokes one of the actor's own tokens; another member's token is a 404, as if it did not exist. */
export async function revokeApiToken(actor: Actor, tokenId: number): Promise<void> {
  invariantResponse(actor, "Sign in to manage your API tokens.", { status: 401 });
  const result = await getDb()
    .updateTable("api_tokens")
    .set({ revoked_at: Date.now() })
    .where("id", "=", tokenId)
    .where("user_id", "=", actor.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  invariantResponse(Number(result.numUpdatedRows) === 1, "We couldn't find that token.", { status: 404 });
}

/** The member a request's `Authorization: Bearer cc_…` header belongs to, or null. */
export async function userFromApiToken(request: Request): Promise<SessionUser | null> {
  const match = request.headers.get("Authorization")?.match(/^Bearer (cc_[A-Za-z0-9_-]{32})$/);
  if (!match) return null;
  const row = await getDb()
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["api_tokens.id as tokenId", "users.id", "users.username", "users.display_name as displayName", "users.role", "users.suspended_until as suspendedUntil"])
    .where("api_tokens.token_hash", "=", hashToken(match[1]!))
    .where("api_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  await getDb().updateTable("api_tokens").set({ last_used_at: Date.now() }).where("id", "=", row.tokenId).execute();
  const { tokenId: _tokenId, ...user } = row;
  noteViewer(user.id);
  return user;
}
