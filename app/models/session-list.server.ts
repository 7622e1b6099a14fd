import { createHash } from "node:crypto";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { describeUserAgent } from "~/utils/user-agent";
import { ensure, NotFound, SignInRequired } from "./errors.server";

/** A session id is a credential: pages name a session by a hash of it instead. */
const handleOf = (sessionId: string) => createHash("sha256").update(`session:${sessionId}`).digest("base64url").slice(0, 22);

export type SignedInBrowser = { handle: string; browser: string; createdAt: number; lastSeenAt: number; current: boolean };

/** The member's signed-in browsers, the one asking first, then the most recently seen. */
export async function listSessions(actor: Actor, currentSessionId: string | null): Promise<SignedInBrowser[]> {
  ensure(actor && can.manageOwnAccount(actor), SignInRequired, "Sign in to see where you are signed in.");
  const rows = await getDb()
    .selectFrom("sessions")
    .select(["id", "user_agent", "created_at", "last_seen_at"])
    .where("user_id", "=", actor.id)
    .where("expires_at", ">", Date.now())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows
    .map((row) => ({
      handle: handleOf(row.id),
      browser: describeUserAgent(row.user_agent),
      createdAt: row.created_at,
      lastSeenAt: Math.max(row.last_seen_at, row.created_at),
      current: row.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the member's own browsers out; returns whether it was the one asking. Someone else's session is not found. */
export async function endOwnSession(actor: Actor, handle: string, currentSessionId: string | null): Promise<{ current: boolean }> {
  ensure(actor && can.manageOwnAccount(actor), SignInRequired, "Sign in to sign out a browser.");
  const ids = await getDb().selectFrom("sessions").select("id").where("user_id", "=", actor.id).execute();
  const target = ids.find((row) => handleOf(row.id) === handle);
  ensure(target, NotFound, "That browser is already signed out.");
  await getDb().deleteFrom("sessions").where("id", "=", target.id).where("user_id", "=", actor.id).execute();
  return { current: target.id === currentSessionId };
}
