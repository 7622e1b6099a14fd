import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

async function requireTarget(userId: number) {
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "role", "username", "suspended_until"])
    .where("id", "=", userId)
    .executeTakeFirst();
  ensure(user, NotFound, "We couldn't find that member.");
  return user;
}

/**
 * Staff suspend a member until a date with a reason: their sessions end at
 * once, and they can't sign in or post until then.
 */
export async function suspendUser(actor: Actor, userId: number, input: { until: number; reason: string }): Promise<void> {
  const target = await requireTarget(userId);
  ensure(
    actor && can.suspend(actor, target),
    Forbidden,
    target.role === "admin" ? "Admins can't be suspended." : "You can't suspend this person.",
  );
  ensure(input.until > Date.now(), Invalid, "Choose a date in the future.");
  ensure(input.reason.trim().length > 0, Invalid, "Say why: the member will read it.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({ suspended_until: input.until, suspended_reason: input.reason.trim() })
        .where("id", "=", userId)
        .execute();
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "user.suspend",
        targetType: "user",
        targetId: userId,
        reason: input.reason.trim(),
        detail: `until ${new Date(input.until).toISOString().slice(0, 10)}`,
      });
    });
}

export async function liftSuspension(actor: Actor, userId: number): Promise<void> {
  const target = await requireTarget(userId);
  ensure(actor && can.suspend(actor, target), Forbidden, "You can't change this person's suspension.");
  ensure(target.suspended_until !== null && target.suspended_until > Date.now(), Conflict, "This member isn't suspended.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("users").set({ suspended_until: null, suspended_reason: null }).where("id", "=", userId).execute();
      await recordAudit(trx, { actorId: actor.id, action: "user.unsuspend", targetType: "user", targetId: userId });
    });
}

/** Refuses to sign in a member while their suspension is in force, telling them until when and why. */
export async function refuseSuspendedSignIn(userId: number): Promise<void> {
  const user = await getDb()
    .selectFrom("users")
    .select(["suspended_until", "suspended_reason"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user?.suspended_until || user.suspended_until <= Date.now()) return;
  const until = new Date(user.suspended_until).toUTCString();
  throw new Forbidden("form", `Your account is suspended until ${until}. Reason: ${user.suspended_reason ?? ""}`);
}

export async function getSuspendTarget(actor: Actor, username: string) {
  const user = await getDb()
    .selectFrom("users")
    .select([
      "id",
      "username",
      "display_name as displayName",
      "role",
      "suspended_until as suspendedUntil",
      "suspended_reason as suspendedReason",
    ])
    .where("username", "=", username)
    .executeTakeFirst();
  ensure(user, NotFound, "We couldn't find that member.");
  ensure(
    actor && can.suspend(actor, user),
    Forbidden,
    user.role === "admin" ? "Admins can't be suspended." : "You can't suspend this person.",
  );
  return user;
}
