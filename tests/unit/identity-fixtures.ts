import { getDb } from "~db/client.server";

/** A customer account owning an email domain. */
export async function createAccount(slug: string, domain: string): Promise<number> {
  const now = Date.now();
  const { id } = await getDb()
    .insertInto("accounts")
    .values({ slug, name: slug, plan: null, segment: null, owner_id: null, is_public: 0, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await getDb().insertInto("account_domains").values({ domain, account_id: id }).execute();
  return id;
}
