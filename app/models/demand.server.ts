import { getDb } from "~db/client.server";
import type { IdeaStatus } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { notMerged } from "./content.server";
import { ensure, Forbidden } from "./errors.server";

/**
 * Demand per customer, for staff only: which accounts want an idea, how much
 * revenue they bring, and how it splits by plan and segment. An account wants
 * an idea when one of its members voted for it, or staff recorded feedback on
 * its behalf (app/models/on-behalf.server.ts). Accounts are counted once per
 * idea however many of their people voted. Members and visitors see votes only.
 */

export type DemandAccount = { id: number; name: string; slug: string; plan: string | null; segment: string | null; arr: number };
export type Demand = {
  /** The public vote count: people who voted. */
  votes: number;
  accounts: DemandAccount[];
  arr: number;
  byPlan: { key: string; accounts: number; arr: number }[];
  bySegment: { key: string; accounts: number; arr: number }[];
};

type AccountFilter = { plan?: string | null; segment?: string | null };

/** The accounts behind each of these ideas (the pairs, deduplicated), narrowed to a plan or segment. */
async function accountsBehind(threadIds: number[] | null, filter: AccountFilter = {}): Promise<Map<number, DemandAccount[]>> {
  const db = getDb();
  const byVote = db
    .selectFrom("votes")
    .innerJoin("users", "users.id", "votes.user_id")
    .select(["votes.thread_id as threadId", "users.account_id as accountId"])
    .where("users.account_id", "is not", null)
    .$if(threadIds !== null, (q) => q.where("votes.thread_id", "in", threadIds!));
  const byRecord = db
    .selectFrom("on_behalf_votes")
    .select(["on_behalf_votes.thread_id as threadId", "on_behalf_votes.account_id as accountId"])
    .$if(threadIds !== null, (q) => q.where("on_behalf_votes.thread_id", "in", threadIds!));
  const rows = await db
    .selectFrom(byVote.union(byRecord).as("pairs"))
    .innerJoin("accounts", "accounts.id", "pairs.accountId")
    .select(["pairs.threadId", "accounts.id", "accounts.name", "accounts.slug", "accounts.plan", "accounts.segment", "accounts.arr"])
    .$if(!!filter.plan, (q) => q.where("accounts.plan", "=", filter.plan!))
    .$if(!!filter.segment, (q) => q.where("accounts.segment", "=", filter.segment!))
    .orderBy("accounts.arr", "desc")
    .orderBy("accounts.name")
    .execute();
  const byThread = new Map<number, DemandAccount[]>();
  for (const { threadId, ...account } of rows) {
    const list = byThread.get(threadId!) ?? [];
    list.push(account);
    byThread.set(threadId!, list);
  }
  return byThread;
}

function split(accounts: DemandAccount[], key: (a: DemandAccount) => string | null) {
  const groups = new Map<string, { key: string; accounts: number; arr: number }>();
  for (const account of accounts) {
    const k = key(account) ?? "—";
    const group = groups.get(k) ?? { key: k, accounts: 0, arr: 0 };
    group.accounts++;
    group.arr += account.arr;
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => b.arr - a.arr || a.key.localeCompare(b.key));
}

function summarize(votes: number, accounts: DemandAccount[]): Demand {
  return {
    votes,
    accounts,
    arr: accounts.reduce((sum, a) => sum + a.arr, 0),
    byPlan: split(accounts, (a) => a.plan),
    bySegment: split(accounts, (a) => a.segment),
  };
}

/** One idea's demand, for its page (staff only). */
export async function ideaDemand(actor: Actor, threadId: number): Promise<Demand> {
  ensure(can.readDemand(actor), Forbidden, "Only staff can see demand per customer.");
  const thread = await getDb().selectFrom("threads").select("vote_count").where("id", "=", threadId).executeTakeFirstOrThrow();
  return summarize(thread.vote_count, (await accountsBehind([threadId])).get(threadId) ?? []);
}

export const demandSorts = ["arr", "accounts", "votes"] as const;
export type DemandSort = (typeof demandSorts)[number];
export type DemandFilter = AccountFilter & { productId?: number | null; status?: IdeaStatus | null; sort?: DemandSort };

const DEMAND_LIMIT = 100;

/**
 * Ideas by demand for /admin/demand: each idea with its votes, the accounts
 * behind it (only those of the plan or segment asked for) and their ARR,
 * sorted by ARR, accounts or votes. With a plan or segment chosen, only ideas
 * some such account wants are listed.
 */
export async function listDemand(actor: Actor, filter: DemandFilter = {}) {
  ensure(can.readDemand(actor), Forbidden, "Only staff can see demand per customer.");
  const ideas = await getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select(["threads.id", "threads.title", "threads.status", "threads.vote_count as votes", "products.name as productName"])
    .where("threads.kind", "=", "idea")
    .where("threads.deleted_at", "is", null)
    .where(notMerged())
    .$if(!!filter.productId, (q) => q.where("threads.product_id", "=", filter.productId!))
    .$if(!!filter.status, (q) => q.where("threads.status", "=", filter.status!))
    .execute();
  const behind = await accountsBehind(null, filter);
  const narrowed = !!filter.plan || !!filter.segment;
  const rows = ideas
    .map((idea) => ({ ...idea, status: idea.status ?? "open", ...summarize(idea.votes, behind.get(idea.id) ?? []) }))
    .filter((row) => !narrowed || row.accounts.length > 0);
  const sort = filter.sort ?? "arr";
  const key = (r: (typeof rows)[number]) => (sort === "arr" ? r.arr : sort === "accounts" ? r.accounts.length : r.votes);
  rows.sort((a, b) => key(b) - key(a) || b.arr - a.arr || b.votes - a.votes || a.id - b.id);
  return rows.slice(0, DEMAND_LIMIT);
}

/** The plans and segments accounts have, for the filters. */
export async function demandChoices(actor: Actor) {
  ensure(can.readDemand(actor), Forbidden, "Only staff can see demand per customer.");
  const db = getDb();
  const [plans, segments, products] = await Promise.all([
    db.selectFrom("accounts").select("plan as value").distinct().where("plan", "is not", null).orderBy("plan").execute(),
    db.selectFrom("accounts").select("segment as value").distinct().where("segment", "is not", null).orderBy("segment").execute(),
    db.selectFrom("products").select(["id", "name"]).orderBy("position").execute(),
  ]);
  return { plans: plans.map((p) => p.value!), segments: segments.map((s) => s.value!), products };
}
