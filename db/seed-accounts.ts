import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/**
 * The demo's customer accounts (issue 17): three companies with different
 * plans, segments and revenue, members in two of them, and feedback staff
 * recorded on their behalf, so /admin/accounts, /admin/demand and an idea's
 * demand panel have something to show on a fresh `npm start`.
 */

const accounts = [
  {
    slug: "northwind",
    name: "Northwind Logistics",
    plan: "Enterprise",
    segment: "Logistics",
    arr: 180_000,
    is_public: 1,
    domains: ["northwind.example"],
    members: ["member", "li-wei"],
  },
  {
    slug: "brightlane",
    name: "Brightlane Analytics",
    plan: "Pro",
    segment: "SaaS",
    arr: 42_000,
    is_public: 0,
    domains: ["brightlane.example"],
    members: ["priya", "jonas"],
  },
  {
    slug: "globex",
    name: "Globex",
    plan: "Starter",
    segment: "Manufacturing",
    arr: 9_000,
    is_public: 0,
    domains: ["globex.example"],
    members: [],
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
    account: "brightlane",
    useCase: "When our ERP is down for maintenance we lose a night of events and replay them by hand.",
  },
] as const;

type Db = Kysely<Database> | Transaction<Database>;

export async function seedDemoAccounts(db: Db, userIds: Map<string, number>, staffId: number, now: number): Promise<void> {
  const accountIds = new Map<string, number>();
  for (const { domains, members, ...account } of accounts) {
    const { id } = await db
      .insertInto("accounts")
      .values({ ...account, owner_id: staffId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    accountIds.set(account.slug, id);
    for (const domain of domains) await db.insertInto("account_domains").values({ domain, account_id: id }).execute();
    const memberIds = members.map((m) => userIds.get(m)).filter((m): m is number => m !== undefined);
    if (memberIds.length > 0) await db.updateTable("users").set({ account_id: id }).where("id", "in", memberIds).execute();
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
