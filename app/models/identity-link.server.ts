import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import { isUniqueViolation } from "~db/engine.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import type { ProviderIdentity } from "~/auth/oidc.server";
import { isFormerMember } from "~/utils/former-member";
import { joinAccountByClaim, joinAccountByVerifiedEmail } from "./account-membership.server";
import { recordAudit } from "./audit.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound, refusingTaken } from "./errors.server";

/**
 * The members the company's OpenID Connect provider vouches for: one
 * identity_links row per (issuer, subject), with the claims the settings map
 * (company, plan, segment) as the provider last said them.
 */

/** The password_hash of a member the provider created: no password matches it (app/auth/password.server.ts). */
export const NO_PASSWORD = "!sso";

/** How long after a first sign-in the member the provider created may still choose their username. */
export const USERNAME_CHOICE_MS = 24 * 60 * 60_000;

export type SsoSignIn = { userId: number; created: boolean };

/**
 * Signs in the member this identity belongs to: the one already linked; else
 * the member with the same address, when the provider says it verified it;
 * else a new member with a username proposed from the claims. An address an
 * existing member has, which the provider did not verify, links nobody.
 *
 * A member already signed in here who signs in at the provider connects
 * it to their account (they proved both), whatever address it has.
 *
 * Two callbacks at once for the same new identity: the (issuer, subject)
 * primary key (or the users' unique username/email) lets only one create the
 * member; the other's transaction rolls back and its second try finds the
 * link the first made.
 */
export async function signInWithIdentity(identity: ProviderIdentity, signedInUserId: number | null = null): Promise<SsoSignIn> {
  try {
    return await getDb()
      .transaction()
      .execute((trx) => linkOrCreate(trx, identity, signedInUserId));
  } catch (error) {
    if (!isUniqueViolation(error) && !(error instanceof LostRace)) throw error;
    return getDb()
      .transaction()
      .execute((trx) => linkOrCreate(trx, identity, signedInUserId));
  }
}

class LostRace extends Error {}

async function linkOrCreate(trx: Transaction<Database>, identity: ProviderIdentity, signedInUserId: number | null): Promise<SsoSignIn> {
  const now = Date.now();
  const claims = {
    email: identity.email,
    account_claim: identity.accountClaim,
    plan_claim: identity.planClaim,
    segment_claim: identity.segmentClaim,
  };
  const link = await trx
    .updateTable("identity_links")
    .set({ ...claims, last_used_at: now })
    .where("issuer", "=", identity.issuer)
    .where("subject", "=", identity.subject)
    .returning("user_id")
    .executeTakeFirst();
  if (link) {
    await joinClaimedAccount(trx, link.user_id, identity);
    return { userId: link.user_id, created: false };
  }

  const owner = signedInUserId
    ? { id: signedInUserId }
    : identity.email
      ? await trx.selectFrom("users").select("id").where("email", "=", identity.email).where("deleted_at", "is", null).executeTakeFirst()
      : undefined;
  ensure(
    !owner || signedInUserId || identity.emailVerified,
    Conflict,
    "form",
    `A member already uses ${identity.email}, but your company's sign-in has not verified that address, so we did not connect them. ` +
      "Sign in with your password and use “Connect” under Company sign-in in your settings, or ask staff for help.",
  );
  let userId: number;
  let created = false;
  if (owner) {
    userId = owner.id;
  } else {
    ensure(
      identity.email,
      Invalid,
      "form",
      "Your company's sign-in did not tell us your email address, which a new member needs. Ask your administrator.",
    );
    const { id } = await trx
      .insertInto("users")
      .values({
        username: await freeUsername(trx, identity),
        display_name: identity.name?.slice(0, 50) ?? null,
        email: identity.email,
        password_hash: NO_PASSWORD,
        role: "member",
        created_at: now,
        email_verified_at: identity.emailVerified ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    userId = id;
    created = true;
    if (identity.emailVerified) await joinAccountByVerifiedEmail(trx, id, identity.email);
  }
  const inserted = await trx
    .insertInto("identity_links")
    .values({ issuer: identity.issuer, subject: identity.subject, user_id: userId, ...claims, created_at: now, last_used_at: now })
    .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
    .executeTakeFirst();
  // Another callback linked this identity meanwhile: undo ours and take theirs.
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new LostRace();
  await joinClaimedAccount(trx, userId, identity);
  return { userId, created };
}

async function joinClaimedAccount(trx: Transaction<Database>, userId: number, identity: ProviderIdentity) {
  if (identity.accountClaim) await joinAccountByClaim(trx, userId, identity.accountClaim);
}

/** The username rule (3–30 of a-z, 0-9, - and _), made from whatever the provider calls the person. */
export function usernameFrom(identity: Pick<ProviderIdentity, "preferredUsername" | "email" | "name">): string {
  const candidates = [identity.preferredUsername, identity.email?.split("@")[0], identity.name];
  for (const candidate of candidates) {
    const name = (candidate ?? "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .slice(0, 30)
      .replace(/[-_]+$/, "");
    if (name.length >= 3 && !isFormerMember(name)) return name;
    if (name.length > 0 && !isFormerMember(name)) return `${name}-member`.slice(0, 30);
  }
  return "member";
}

/** The proposed username, or it with the first free -2, -3 … */
async function freeUsername(trx: Transaction<Database>, identity: ProviderIdentity): Promise<string> {
  const base = usernameFrom(identity);
  const taken = new Set(
    (
      await trx
        .selectFrom("users")
        .select("username")
        .where("username", "like", `${base.slice(0, 24)}%`)
        .execute()
    ).map((u) => u.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base.slice(0, 29 - String(n).length)}-${n}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The member the provider created chooses their username, in the first day
 * after joining (links to what they wrote use their id, but mentions use the
 * name, so it is not for changing later).
 */
export async function chooseUsername(actor: Actor, username: string): Promise<void> {
  ensure(actor && can.manageOwnAccount(actor), Forbidden, "Sign in to choose your username.");
  const taken = new Conflict("username", "That username is taken. Try another.");
  // Someone taking the name between the check and the write: the unique index refuses it, with the same message.
  await refusingTaken(
    () =>
      getDb()
        .transaction()
        .execute(async (trx) => {
          const user = await trx
            .selectFrom("users")
            .select(["username", "password_hash", "created_at"])
            .where("id", "=", actor.id)
            .executeTakeFirst();
          ensure(user, NotFound, "We couldn't find your account.");
          ensure(
            mayChooseUsername(user),
            Forbidden,
            "Your username can be chosen only in the first day after your company's sign-in made your account.",
          );
          if (user.username === username) return;
          const clash = await trx.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
          if (clash) throw taken;
          await trx.updateTable("users").set({ username }).where("id", "=", actor.id).execute();
        }),
    async () => taken,
  );
}

export function mayChooseUsername(user: { password_hash: string; created_at: number }, now = Date.now()): boolean {
  return user.password_hash === NO_PASSWORD && now - user.created_at < USERNAME_CHOICE_MS;
}

/** Whether this member's own username may still be chosen (the page after a first sign-in asks). */
export async function usernameChoice(actor: NonNullable<Actor>): Promise<{ username: string; open: boolean }> {
  const user = await getDb()
    .selectFrom("users")
    .select(["username", "password_hash", "created_at"])
    .where("id", "=", actor.id)
    .executeTakeFirst();
  ensure(user, NotFound, "We couldn't find your account.");
  return { username: user.username, open: mayChooseUsername(user) };
}

export type IdentityLinkRow = { userId: number; issuer: string; subject: string; createdAt: number; lastUsedAt: number };

/** The company sign-ins linked to these members, for /admin/users. */
export async function identityLinksOf(actor: Actor, userIds: number[]): Promise<IdentityLinkRow[]> {
  ensure(can.manageIdentityLinks(actor), Forbidden, "Only admins can see company sign-ins.");
  if (userIds.length === 0) return [];
  return getDb()
    .selectFrom("identity_links")
    .select(["user_id as userId", "issuer", "subject", "created_at as createdAt", "last_used_at as lastUsedAt"])
    .where("user_id", "in", userIds)
    .orderBy("created_at")
    .execute();
}

/**
 * Removes a member's link to a company sign-in (a wrong link, a person who
 * left). Their next sign-in there links again only by a verified address.
 */
export async function removeIdentityLink(actor: Actor, link: { issuer: string; subject: string }): Promise<void> {
  ensure(actor && can.manageIdentityLinks(actor), Forbidden, "Only admins can remove a company sign-in.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const removed = await trx
        .deleteFrom("identity_links")
        .where("issuer", "=", link.issuer)
        .where("subject", "=", link.subject)
        .returning("user_id")
        .executeTakeFirst();
      ensure(removed, NotFound, "That company sign-in is no longer linked.");
      await recordAudit(trx, {
        actorId: actor.id,
        action: "user.unlink_sso",
        targetType: "user",
        targetId: removed.user_id,
        detail: `issuer ${link.issuer}`,
      });
    });
}

/** The member's own company sign-ins, for their settings page. */
export async function ownIdentityLinks(actor: NonNullable<Actor>): Promise<{ issuer: string; createdAt: number; lastUsedAt: number }[]> {
  return getDb()
    .selectFrom("identity_links")
    .select(["issuer", "created_at as createdAt", "last_used_at as lastUsedAt"])
    .where("user_id", "=", actor.id)
    .orderBy("created_at")
    .execute();
}
