import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/**
 * The demo's customer accounts (issue 17): three companies with different
 * plans, segments and revenue, and feedback staff recorded on their behalf,
 * so /admin/accounts, /admin/demand and an idea's demand panel have something
 * to show on a fresh `npm start`. Northwind and Brightline, with their
 * people, are laid down earlier with the success ledgers (db/seed.ts); here
 * they get their domains and public flag, and Globex joins them.
 */

const accounts = [
  {
    slug: "northwind",
    name: "Northwind Analytics",
    plan: "Enterprise",
    segment: "Mid-market",
    arr: 180_000,
    is_public: 1,
    domains: ["northwind.example"],
  },
  {
    slug: "brightline",
    name: "Brightline Logistics",
    plan: "Pro",
    segment: "SMB",
    arr: 45_000,
    is_public: 0,
    domains: ["brightline.example"],
  },
  {
    slug: "globex",
    name: "Globex",
    plan: "Starter",
    segment: "Manufacturing",
    arr: 9_000,
    is_public: 0,
    domains: ["globex.example"],
  },
] as const;

/** Feedback from calls and tickets: on the idea with this title, for this account, in the customer's words. */
const onBehalf = [
  {
    title: "Email a dashboard snapshot on a schedule",
    account: "globex",
    useCase: "Our plant managers read a PDF on Monday mornings; nobody there will ever sign in. (Call with their COO.)",
  },
  {
    title: "Import bank transactions from any CSV file",
    account: "globex",
    useCase: "Two of our banks only export CSV, each in its own layout. We retype 300 lines a month. (Ticket 4411.)",
  },
  {
    title: "Retry failed webhook deliveries from the dashboard",
    account: "brightline",
    useCase: "When our ERP is down for maintenance we lose a night of events and replay them by hand.",
  },
] as const;

type Db = Kysely<Database> | Transaction<Database>;

export async function seedDemoAccounts(db: Db, staffId: number, now: number): Promise<void> {
  const accountIds = new Map<string, number>();
  for (const { domains, ...account } of accounts) {
    const existing = await db.selectFrom("accounts").select("id").where("slug", "=", account.slug).executeTakeFirst();
    const { id } = existing
      ? await db
          .updateTable("accounts")
          .set({ ...account, updated_at: now })
          .where("id", "=", existing.id)
          .returning("id")
          .executeTakeFirstOrThrow()
      : await db
          .insertInto("accounts")
          .values({ ...account, owner_id: staffId, created_at: now, updated_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
    accountIds.set(account.slug, id);
    for (const domain of domains) await db.insertInto("account_domains").values({ domain, account_id: id }).execute();
  }
  for (const record of onBehalf) {
    const thread = await db.selectFrom("threads").select("id").where("title", "=", record.title).executeTakeFirst();
    const accountId = accountIds.get(record.account);
    if (!thread || accountId === undefined) continue;
    await db
      .insertInto("on_behalf_votes")
      .values({
        thread_id: thread.id,
        account_id: accountId,
        user_id: null,
        recorded_by: staffId,
        use_case: record.useCase,
        created_at: now,
      })
      .execute();
  }
}
