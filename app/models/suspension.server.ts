import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse } from "~/utils/http";
import { recordAudit } from "./audit.server";

async function requireTarget(userId: number) {
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "role", "username", "suspended_until"])
    .where("id", "=", userId)
    .executeTakeFirst();
  invariantResponse(user, "We couldn't find that member.", { status: 404 });
  return user;
}

/**
 * Staff suspend a member until a date with a reason: their sessions end at
 * once, and they can't sign in or post until then.
 */
export async function suspendUser(actor: Actor, userId: number, input: { until: number; reason: string }): Promise<void> {
  const target = await requireTarget(userId);
  invariantResponse(
    actor && can.suspend(actor, target),
    target.role === "admin" ? "Admins can't be suspended." : "You can't suspend this person.",
    { status: 403 },
  );
  invariantResponse(input.until > Date.now(), "Choose a date in the future.", { status: 400 });
  invariantResponse(input.reason.trim().length > 0, "Say why: the member will read it.", { status: 400 });
  await getDb().transaction().execute(async (trx) => {
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
  invariantResponse(actor && can.suspend(actor, target), "You can't change this person's suspension.", { status: 403 });
  invariantResponse(target.suspended_until !== null && target.suspended_until > Date.now(), "This member isn't suspended.", {
    status: 409,
  });
  await getDb().transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ suspended_until: null, suspended_reason: null }).where("id", "=", userId).execute();
    await recordAudit(trx, { actorId: actor.id, action: "user.unsuspend", targetType: "user", targetId: userId });
  });
}

/** The suspension in force for an account, if any: what the sign-in page tells the member. */
export async function activeSuspension(userId: number): Promise<{ until: number; reason: string } | null> {
  const user = await getDb()
    .selectFrom("users")
    .select(["suspended_until", "suspended_reason"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user?.suspended_until || user.suspended_until <= Date.now()) return null;
  return { until: user.suspended_until, reason: user.suspended_reason ?? "" };
}

export async function getSuspendTarget(actor: Actor, username: string) {
  const user = await getDb()
    .selectFrom("users")
    .select(["id", "username", "display_name as displayName", "role", "suspended_until as suspendedUntil", "suspended_reason as suspendedReason"])
    .where("username", "=", username)
    .executeTakeFirst();
  invariantResponse(user, "We couldn't find that member.", { status: 404 });
  invariantResponse(actor && can.suspend(actor, user), user.role === "admin" ? "Admins can't be suspended." : "You can't suspend this person.", {
    status: 403,
  });
  return user;
}
