import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";

/**
 * How a member comes to belong to a customer account without staff placing
 * them: by an email address they verified, whose domain the account lists,
 * or by their company's sign-in naming the account. A member belongs to at
 * most one account; staff moving someone is the accounts admin's own write.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The domain of an email address, lower case; null for anything that isn't one. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/**
 * Once a member has verified `email`, an account listing its domain takes
 * them in, unless they already belong to one (staff's choice, or an earlier
 * match, is never overridden). Returns the account joined, or null.
 */
export async function joinAccountByVerifiedEmail(db: Db, userId: number, email: string): Promise<number | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const account = await db.selectFrom("account_domains").select("account_id").where("domain", "=", domain).executeTakeFirst();
  if (!account) return null;
  const joined = await db
    .updateTable("users")
    .set({ account_id: account.account_id })
    .where("id", "=", userId)
    .where("account_id", "is", null)
    .executeTakeFirst();
  return Number(joined.numUpdatedRows) === 1 ? account.account_id : null;
}

/**
 * The company's own sign-in says which customer the member works for (the
 * claim the OpenID Connect claim mapping names): the account whose slug or
 * name it is, ignoring case, takes them in. The identity provider is the
 * authority on who works where, so this moves a member from another account.
 * Returns the account, or null when no account has that name.
 */
export async function joinAccountByClaim(db: Db, userId: number, claim: string): Promise<number | null> {
  const wanted = claim.trim().toLowerCase();
  if (!wanted) return null;
  const accounts = await db.selectFrom("accounts").select(["id", "slug", "name"]).execute();
  const account = accounts.find((a) => a.slug.toLowerCase() === wanted) ?? accounts.find((a) => a.name.trim().toLowerCase() === wanted);
  if (!account) return null;
  await db.updateTable("users").set({ account_id: account.id }).where("id", "=", userId).execute();
  return account.id;
}
