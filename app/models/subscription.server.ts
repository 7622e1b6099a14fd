import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, SubscriptionLevel } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { requireThread } from "./content.server";
import { ensure, Forbidden, SignInRequired } from "./errors.server";

/**
 * Follows a thread automatically: authors and repliers watch it, voters
 * follow its status. A member's own choice to unwatch (muted) is never
 * overridden, and an automatic follow never lowers a level.
 */
export async function followAutomatically(
  trx: Transaction<Database>,
  threadId: number,
  userId: number,
  level: Exclude<SubscriptionLevel, "muted">,
): Promise<void> {
  await trx
    .insertInto("subscriptions")
    .values({ thread_id: threadId, user_id: userId, level, created_at: Date.now() })
    .onConflict((oc) =>
      level === "watching"
        ? oc.columns(["thread_id", "user_id"]).doUpdateSet({ level }).where("subscriptions.level", "=", "status")
        : oc.doNothing(),
    )
    .execute();
}

/** Who hears about an event: every reply goes to watchers; status changes also to voters. */
export async function subscribersOf(trx: Transaction<Database>, threadId: number, event: "reply" | "status"): Promise<number[]> {
  const levels: SubscriptionLevel[] = event === "reply" ? ["watching"] : ["watching", "status"];
  const rows = await trx
    .selectFrom("subscriptions")
    .select("user_id")
    .where("thread_id", "=", threadId)
    .where("level", "in", levels)
    .execute();
  return rows.map((row) => row.user_id);
}

export async function getSubscriptionLevel(userId: number, threadId: number): Promise<SubscriptionLevel | null> {
  const row = await getDb()
    .selectFrom("subscriptions")
    .select("level")
    .where("thread_id", "=", threadId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.level ?? null;
}

/** A member's explicit choice: watch everything, or nothing at all. */
export async function setWatching(actor: Actor, threadId: number, watching: boolean): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(actor, SignInRequired, "Sign in to watch threads.");
      ensure(can.watch(actor, thread), Forbidden, "You can't watch this thread.");
      const level: SubscriptionLevel = watching ? "watching" : "muted";
      await trx
        .insertInto("subscriptions")
        .values({ thread_id: threadId, user_id: actor.id, level, created_at: Date.now() })
        .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doUpdateSet({ level }))
        .execute();
    });
}
