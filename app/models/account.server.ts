import { getDb } from "~db/client.server";
import type { Db } from "~db/schema";
import { includesIgnoringCase } from "~db/engine.server";
import { can, type Actor } from "~/auth/permissions.server";
import type { AccountInput } from "~/utils/validation.server";
import { recordAudit } from "./audit.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

/**
 * Customer accounts: a company with its email domains, plan, segment,
 * revenue (ARR) and the staff member who owns the relationship. Only staff
 * read or write any of it here; the one fact others may see, the name of a
 * public account next to its people's names, is `publicAccountNames`.
 */

const refuse = (actor: Actor) => ensure(can.manageAccounts(actor), Forbidden, "Only staff can manage customer accounts.");

export type AccountRow = {
  id: number;
  slug: string;
  name: string;
  plan: string | null;
  segment: string | null;
  arr: number;
  isPublic: boolean;
  ownerUsername: string | null;
  domains: string[];
  memberCount: number;
};

const ACCOUNTS_PAGE_SIZE = 100;

/** The accounts a query picks (by default every one), with their owner, domains and how many members they have. */
async function accountRows(narrow: (query: ReturnType<typeof accountsQuery>) => ReturnType<typeof accountsQuery>): Promise<AccountRow[]> {
  const rows = await narrow(accountsQuery()).execute();
  const domains = await domainsOf(
    getDb(),
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, isPublic: r.isPublic === 1, memberCount: Number(r.memberCount ?? 0), domains: domains.get(r.id) ?? [] }));
}

function accountsQuery() {
  return getDb()
    .selectFrom("accounts")
    .leftJoin("users as owner", "owner.id", "accounts.owner_id")
    .select((eb) => [
      "accounts.id",
      "accounts.slug",
      "accounts.name",
      "accounts.plan",
      "accounts.segment",
      "accounts.arr",
      "accounts.is_public as isPublic",
      "owner.username as ownerUsername",
      eb
        .selectFrom("users")
        .select((u) => u.fn.countAll<number>().as("n"))
        .whereRef("users.account_id", "=", "accounts.id")
        .as("memberCount"),
    ]);
}

/** Every account (or those whose name, slug or domain holds `q`), by name, with its domains and how many members it has. */
export async function listAccounts(actor: Actor, { q = "", all = false }: { q?: string; all?: boolean } = {}): Promise<AccountRow[]> {
  refuse(actor);
  const needle = q.trim().toLowerCase();
  return accountRows((query) =>
    query
      .$if(needle.length > 0, (qb) =>
        qb.where((eb) =>
          eb.or([
            includesIgnoringCase("accounts.name", needle),
            includesIgnoringCase("accounts.slug", needle),
            eb.exists(
              eb
                .selectFrom("account_domains")
                .select("account_domains.domain")
                .whereRef("account_domains.account_id", "=", "accounts.id")
                .where(includesIgnoringCase("account_domains.domain", needle)),
            ),
          ]),
        ),
      )
      .orderBy("accounts.name")
      .orderBy("accounts.id")
      .$if(!all, (qb) => qb.limit(ACCOUNTS_PAGE_SIZE)),
  );
}

async function domainsOf(db: Db, accountIds: number[]): Promise<Map<number, string[]>> {
  const byAccount = new Map<number, string[]>();
  if (accountIds.length === 0) return byAccount;
  const rows = await db
    .selectFrom("account_domains")
    .select(["account_id", "domain"])
    .where("account_id", "in", accountIds)
    .orderBy("domain")
    .execute();
  for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.domain]);
  return byAccount;
}

/** One account with its members, for its admin page. */
export async function getAccount(actor: Actor, id: number) {
  refuse(actor);
  const [account] = await accountRows((query) => query.where("accounts.id", "=", id));
  ensure(account, NotFound, "We couldn't find that account.");
  const members = await getDb()
    .selectFrom("users")
    .select(["id", "username", "display_name as displayName", "email", "email_verified_at as emailVerifiedAt", "role"])
    .where("account_id", "=", id)
    .orderBy("username")
    .execute();
  return { ...account, members };
}

/** The staff who may own an account, for the owner menu. */
export async function listAccountOwners(actor: Actor) {
  refuse(actor);
  return getDb()
    .selectFrom("users")
    .select(["username", "display_name as displayName"])
    .where("role", "in", ["staff", "admin"])
    .orderBy("username")
    .execute();
}

/**
 * Writes one account inside the caller's transaction: refuses a slug or a
 * domain another account has (next to its field), an owner who is not staff;
 * replaces the domains; takes in the members whose verified address has one of
 * the new domains and who belong to no account yet. Returns the account's id
 * and how many members joined.
 */
export async function writeAccount(trx: Db, input: AccountInput, existingId: number | null): Promise<{ id: number; joined: number }> {
  const slugTaken = await trx.selectFrom("accounts").select("id").where("slug", "=", input.slug).executeTakeFirst();
  ensure(!slugTaken || slugTaken.id === existingId, Conflict, "slug", `Another account already uses the slug “${input.slug}”.`);
  if (input.domains.length > 0) {
    const taken = await trx
      .selectFrom("account_domains")
      .innerJoin("accounts", "accounts.id", "account_domains.account_id")
      .select(["account_domains.domain", "accounts.name", "accounts.id"])
      .where("account_domains.domain", "in", input.domains)
      .execute();
    const clash = taken.find((t) => t.id !== existingId);
    ensure(!clash, Conflict, "domains", clash ? `${clash.domain} already belongs to ${clash.name}.` : "");
  }
  let ownerId: number | null = null;
  if (input.owner) {
    const owner = await trx.selectFrom("users").select(["id", "role"]).where("username", "=", input.owner.toLowerCase()).executeTakeFirst();
    ensure(owner && owner.role !== "member", Invalid, "owner", `The owner must be a staff member; “${input.owner}” isn't one.`);
    ownerId = owner.id;
  }
  const now = Date.now();
  const values = {
    name: input.name,
    slug: input.slug,
    plan: input.plan,
    segment: input.segment,
    arr: input.arr,
    owner_id: ownerId,
    is_public: input.isPublic ? 1 : 0,
    updated_at: now,
  };
  let id: number;
  if (existingId === null) {
    // Two staff creating the same slug at once: the second finds it taken, as a form error.
    const inserted = await trx
      .insertInto("accounts")
      .values({ ...values, created_at: now })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    ensure(inserted, Conflict, "slug", `Another account already uses the slug “${input.slug}”.`);
    id = inserted.id;
  } else {
    const updated = await trx.updateTable("accounts").set(values).where("id", "=", existingId).executeTakeFirst();
    ensure(Number(updated.numUpdatedRows) === 1, NotFound, "We couldn't find that account.");
    id = existingId;
    await trx.deleteFrom("account_domains").where("account_id", "=", id).execute();
  }
  if (input.domains.length > 0) {
    // A domain another account took meanwhile is refused like one it had before.
    const added = await trx
      .insertInto("account_domains")
      .values(input.domains.map((domain) => ({ domain, account_id: id })))
      .onConflict((oc) => oc.column("domain").doNothing())
      .executeTakeFirst();
    ensure(
      Number(added.numInsertedOrUpdatedRows) === input.domains.length,
      Conflict,
      "domains",
      "One of these domains belongs to another account.",
    );
  }
  return { id, joined: await joinVerifiedMembers(trx, id, input.domains) };
}

/**
 * When staff add a domain, the members who verified an address there and
 * belong to no account join this one; nobody already in an account moves.
 */
async function joinVerifiedMembers(trx: Db, accountId: number, domains: string[]): Promise<number> {
  if (domains.length === 0) return 0;
  const candidates = await trx
    .selectFrom("users")
    .select(["id", "email"])
    .where("account_id", "is", null)
    .where("email_verified_at", "is not", null)
    .where((eb) => eb.or(domains.map((d) => eb(eb.fn("lower", ["email"]), "like", `%@${d}`))))
    .execute();
  const ids = candidates.filter((c) => domains.includes(c.email.slice(c.email.lastIndexOf("@") + 1).toLowerCase())).map((c) => c.id);
  if (ids.length === 0) return 0;
  const joined = await trx
    .updateTable("users")
    .set({ account_id: accountId })
    .where("id", "in", ids)
    .where("account_id", "is", null)
    .executeTakeFirst();
  return Number(joined.numUpdatedRows);
}

export async function createAccount(actor: Actor, input: AccountInput) {
  refuse(actor);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const written = await writeAccount(trx, input, null);
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "account.create",
        targetType: "account",
        targetId: written.id,
        detail: input.slug,
      });
      return written;
    });
}

export async function updateAccount(actor: Actor, id: number, input: AccountInput) {
  refuse(actor);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const written = await writeAccount(trx, input, id);
      await recordAudit(trx, { actorId: actor!.id, action: "account.update", targetType: "account", targetId: id, detail: input.slug });
      return written;
    });
}

/**
 * Staff place a member in an account, or move them from another (a member
 * belongs to at most one), or take them out (`accountId` null).
 */
export async function assignMember(actor: Actor, userId: number, accountId: number | null): Promise<void> {
  refuse(actor);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx.selectFrom("users").select(["id", "username", "account_id"]).where("id", "=", userId).executeTakeFirst();
      ensure(user, NotFound, "username", "We couldn't find that person.");
      let slug = "none";
      if (accountId !== null) {
        const account = await trx.selectFrom("accounts").select(["id", "slug"]).where("id", "=", accountId).executeTakeFirst();
        ensure(account, NotFound, "account", "We couldn't find that account.");
        slug = account.slug;
      }
      await trx.updateTable("users").set({ account_id: accountId }).where("id", "=", userId).execute();
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "account.assign_member",
        targetType: "user",
        targetId: userId,
        detail: `@${user.username} → ${slug}`,
      });
    });
}

/** `assignMember` by username, as staff type it on an account's page. */
export async function assignMemberByUsername(actor: Actor, username: string, accountId: number): Promise<void> {
  refuse(actor);
  const user = await getDb()
    .selectFrom("users")
    .select("id")
    .where("username", "=", username.replace(/^@/, "").toLowerCase())
    .executeTakeFirst();
  ensure(user, NotFound, "username", `No one is called “${username}”.`);
  await assignMember(actor, user.id, accountId);
}

/** Account names to pick from (staff pages): id, name, slug. */
export async function accountChoices(actor: Actor) {
  refuse(actor);
  return getDb().selectFrom("accounts").select(["id", "name", "slug"]).orderBy("name").execute();
}

/**
 * The name of each public account of these people: what may show next to
 * their names on posts and profiles. Nothing else of an account leaves here.
 */
export async function publicAccountNames(userIds: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (userIds.length === 0) return names;
  // Two key lookups, people then their accounts: a join would let the planner walk every member of every account.
  const people = await getDb()
    .selectFrom("users")
    .select(["id", "account_id"])
    .where("id", "in", [...new Set(userIds)])
    .where("account_id", "is not", null)
    .execute();
  const accountIds = [...new Set(people.map((p) => p.account_id!))];
  if (accountIds.length === 0) return names;
  const accounts = await getDb()
    .selectFrom("accounts")
    .select(["id", "name"])
    .where("id", "in", accountIds)
    .where("is_public", "=", 1)
    .execute();
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  for (const person of people) {
    const name = nameOf.get(person.account_id!);
    if (name !== undefined) names.set(person.id, name);
  }
  return names;
}
