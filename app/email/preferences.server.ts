import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, Db, EmailDelivery, NotificationKind } from "~db/schema";
import type { Actor } from "~/auth/permissions.server";
import { inChunks } from "~/utils/chunks";
import { emailKinds } from "~/utils/email-kinds";
import { ensure, SignInRequired } from "~/models/errors.server";

/** What a member chose for each kind; no stored row means "immediate". */
export async function getEmailPreferences(userId: number, db: Db = getDb()): Promise<Record<NotificationKind, EmailDelivery>> {
  const rows = await db.selectFrom("email_preferences").select(["kind", "delivery"]).where("user_id", "=", userId).execute();
  const chosen = Object.fromEntries(emailKinds.map((kind) => [kind, "immediate"])) as Record<NotificationKind, EmailDelivery>;
  for (const row of rows) chosen[row.kind] = row.delivery;
  return chosen;
}

/**
 * How each of these members wants this kind of email (no stored row means
 * "immediate"). A member whose address is not verified, or who deleted their
 * account, gets none: the address may not be theirs.
 */
export async function getDeliveries(db: Db, kind: NotificationKind, userIds: readonly number[]): Promise<Map<number, EmailDelivery>> {
  const deliveries = new Map<number, EmailDelivery>(userIds.map((id) => [id, "immediate"]));
  for (const chunk of inChunks(userIds, 500)) {
    const rows = await db
      .selectFrom("email_preferences")
      .select(["user_id", "delivery"])
      .where("kind", "=", kind)
      .where("user_id", "in", chunk)
      .execute();
    for (const row of rows) deliveries.set(row.user_id, row.delivery);
    const unreachable = await db
      .selectFrom("users")
      .select("id")
      .where("id", "in", chunk)
      .where((eb) => eb.or([eb("email_verified_at", "is", null), eb("deleted_at", "is not", null)]))
      .execute();
    for (const row of unreachable) deliveries.set(row.id, "off");
  }
  return deliveries;
}

async function storePreferences(trx: Transaction<Database>, userId: number, choices: Partial<Record<NotificationKind, EmailDelivery>>) {
  for (const [kind, delivery] of Object.entries(choices) as [NotificationKind, EmailDelivery][]) {
    await trx
      .insertInto("email_preferences")
      .values({ user_id: userId, kind, delivery })
      .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ delivery }))
      .execute();
  }
}

/** A signed-in member saves their choices, all at once. */
export async function setEmailPreferences(actor: Actor, choices: Partial<Record<NotificationKind, EmailDelivery>>): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to choose your emails.");
  await getDb()
    .transaction()
    .execute((trx) => storePreferences(trx, actor.id, choices));
}

/**
 * Turns off one kind of email, or every kind ("all"), for the member a
 * verified unsubscribe token names. Used without a session.
 */
export async function unsubscribe(userId: number, kind: NotificationKind | "all"): Promise<void> {
  const kinds = kind === "all" ? emailKinds : [kind];
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await storePreferences(trx, userId, Object.fromEntries(kinds.map((k) => [k, "off"])));
      // Nothing already queued for those kinds goes out after the member said stop.
      await trx
        .updateTable("email_outbox")
        .set({ status: "failed", last_error: "unsubscribed" })
        .where("user_id", "=", userId)
        .where("status", "=", "pending")
        .where("kind", "in", kinds)
        .execute();
    });
}
