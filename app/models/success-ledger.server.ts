import { getDb } from "~db/client.server";
import type { Verdict } from "~db/schema";
import { can, isStaff, type Actor } from "~/auth/permissions.server";
import { notMerged, publicContent, shownStatus, visibleTo } from "./content.server";
import { ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";
import { verdictHistory } from "./success-measure.server";

const DAY = 86_400_000;

/** Met-rate: the share of measures whose latest verdict is "met", among those judged so far. */
export function metRate(verdicts: (Verdict | null)[]): { judged: number; met: number; rate: number | null } {
  const judged = verdicts.filter((v) => v !== null).length;
  const met = verdicts.filter((v) => v === "met").length;
  return { judged, met, rate: judged === 0 ? null : Math.round((100 * met) / judged) };
}

/**
 * An account's success ledger: every measure its people wrote, on ideas the
 * viewer may see, with the idea's status, the scope staff gave it, every
 * verdict over time and the follow-up it led to; and the account's met-rate.
 * Staff see every ledger and the account's revenue; a member only their own
 * account's, without revenue. Anyone else is refused.
 */
export async function getLedger(viewer: Actor, slug: string) {
  ensure(viewer, SignInRequired, "Sign in to see your account's success ledger.");
  const db = getDb();
  const account = await db.selectFrom("accounts").select(["id", "name", "slug", "arr"]).where("slug", "=", slug).executeTakeFirst();
  ensure(account, NotFound, "There is no such account.");
  const own = await db.selectFrom("users").select("account_id").where("id", "=", viewer.id).executeTakeFirst();
  ensure(
    can.readLedger(viewer, own?.account_id ?? null, account),
    Forbidden,
    "Only the account's people and staff see its success ledger.",
  );
  const measures = await db
    .selectFrom("success_measures")
    .innerJoin("users", "users.id", "success_measures.user_id")
    .innerJoin("threads", "threads.id", "success_measures.thread_id")
    .leftJoin("threads as follow_up", (join) =>
      join.onRef("follow_up.id", "=", "success_measures.follow_up_id").on(visibleTo(viewer, "follow_up")),
    )
    .select([
      "success_measures.id",
      "success_measures.measure",
      "success_measures.verdict",
      "success_measures.scope",
      "success_measures.scope_reason as scopeReason",
      "success_measures.created_at as createdAt",
      "threads.id as threadId",
      "threads.title",
      shownStatus().as("status"),
      "users.username",
      "users.display_name as displayName",
      "follow_up.id as followUpId",
      "follow_up.title as followUpTitle",
    ])
    .where("users.account_id", "=", account.id)
    .where(visibleTo(viewer))
    .orderBy("success_measures.created_at", "desc")
    .orderBy("success_measures.id", "desc")
    .execute();
  const history = await verdictHistory(measures.map((m) => m.id));
  return {
    account: { name: account.name, slug: account.slug, arr: isStaff(viewer) ? account.arr : null },
    measures: measures.map((m) => ({ ...m, history: history.get(m.id) ?? [] })),
    metRate: metRate(measures.map((m) => m.verdict)),
  };
}

/**
 * Staff's accounts at risk: those whose people judged a shipped idea "not
 * met" (or "partly"), or whose measures wait longest on ideas not shipped
 * yet, weighted by revenue: risk = ARR × (not met + ½ partly + oldest wait
 * in quarters). Ideas everyone may see, merged ones left out.
 */
export async function listAccountsAtRisk(viewer: Actor, now = Date.now(), limit = 50) {
  ensure(can.readAtRisk(viewer), Forbidden, "Only staff see the accounts at risk.");
  const rows = await getDb()
    .selectFrom("success_measures")
    .innerJoin("users", "users.id", "success_measures.user_id")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .innerJoin("threads", "threads.id", "success_measures.thread_id")
    .select((eb) => [
      "accounts.id",
      "accounts.name",
      "accounts.slug",
      "accounts.arr",
      eb.fn.sum<number>(eb.case().when("success_measures.verdict", "=", "not_met").then(1).else(0).end()).as("notMet"),
      eb.fn.sum<number>(eb.case().when("success_measures.verdict", "=", "partly").then(1).else(0).end()).as("partly"),
      eb.fn.sum<number>(eb.case().when("threads.status", "!=", "shipped").then(1).else(0).end()).as("waiting"),
      eb.fn
        .min<number | null>(
          eb.case().when("threads.status", "not in", ["shipped", "declined"]).then(eb.ref("success_measures.created_at")).else(null).end(),
        )
        .as("oldestWaitingSince"),
    ])
    .where(publicContent())
    .where(notMerged())
    .groupBy(["accounts.id", "accounts.name", "accounts.slug", "accounts.arr"])
    .execute();
  return rows
    .map((row) => {
      const notMet = Number(row.notMet);
      const partly = Number(row.partly);
      const waitingDays = row.oldestWaitingSince === null ? 0 : Math.floor((now - Number(row.oldestWaitingSince)) / DAY);
      const risk = Math.round(Number(row.arr) * (notMet + partly / 2 + waitingDays / 90));
      return { ...row, arr: Number(row.arr), notMet, partly, waiting: Number(row.waiting), waitingDays, risk };
    })
    .filter((row) => row.notMet > 0 || row.partly > 0 || row.waitingDays > 0)
    .sort((a, b) => b.risk - a.risk || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/**
 * A co-designer's impact, for their profile: each idea they helped design
 * that shipped, with how its customers judged it (latest verdicts).
 */
export async function coDesignerImpact(userId: number) {
  const ideas = await getDb()
    .selectFrom("co_designers")
    .innerJoin("threads", "threads.id", "co_designers.thread_id")
    .leftJoin("success_measures", "success_measures.thread_id", "threads.id")
    .select((eb) => [
      "threads.id",
      "threads.title",
      eb.fn.count<number>("success_measures.verdict").as("judged"),
      eb.fn.sum<number>(eb.case().when("success_measures.verdict", "=", "met").then(1).else(0).end()).as("met"),
      eb.fn.sum<number>(eb.case().when("success_measures.verdict", "=", "partly").then(1).else(0).end()).as("partly"),
      eb.fn.sum<number>(eb.case().when("success_measures.verdict", "=", "not_met").then(1).else(0).end()).as("notMet"),
    ])
    .where("co_designers.user_id", "=", userId)
    .where(publicContent())
    .where(notMerged())
    .where("threads.status", "=", "shipped")
    .groupBy(["threads.id", "threads.title"])
    .orderBy("threads.id", "desc")
    .execute();
  return ideas.map((idea) => ({
    ...idea,
    judged: Number(idea.judged),
    met: Number(idea.met),
    partly: Number(idea.partly),
    notMet: Number(idea.notMet),
  }));
}
