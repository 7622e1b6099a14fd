import { stringify } from "csv-stringify/sync";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { siteUrl } from "~/http/site-url.server";
import { threadPath } from "~/utils/slug";
import { requireThread, shownStatus } from "./content.server";
import { ensure, Forbidden, NotFound } from "./errors.server";
import { statusLabelsNow } from "./status-styles.server";

/**
 * Staff's spreadsheets: every idea with its demand and outcome, and one
 * idea's voters. Staff see everything, so the rows are every idea that is
 * not deleted (hidden ones marked), staff-only targets included.
 *
 * A cell a spreadsheet would run as a formula (it starts with = + - @, or a
 * tab or carriage return that some strip first) gets a leading apostrophe:
 * titles and names are what members typed (OWASP "CSV injection").
 */
export function safeCell(value: string | number | null): string | number {
  if (typeof value !== "string") return value ?? "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csv(header: string[], rows: (string | number | null)[][]): string {
  // A byte-order mark so Excel reads UTF-8 names as UTF-8.
  return `\uFEFF${stringify([header, ...rows.map((row) => row.map(safeCell))], { record_delimiter: "\r\n" })}`;
}

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

export async function exportIdeasCsv(actor: Actor): Promise<string> {
  ensure(can.readStaffPlans(actor), Forbidden, "Only staff can export ideas.");
  const rows = await getDb()
    .selectFrom("threads")
    .innerJoin("products", "products.id", "threads.product_id")
    .select((eb) => [
      "threads.id",
      "threads.title",
      "products.name as product",
      shownStatus().as("status"),
      "threads.vote_count as votes",
      eb
        .selectFrom("votes")
        .innerJoin("users", "users.id", "votes.user_id")
        .select((v) => v.fn.count<number>("users.account_id").distinct().as("n"))
        .whereRef("votes.thread_id", "=", "threads.id")
        .as("accounts"),
      "threads.target_release as target",
      "threads.target_public as targetPublic",
      "threads.co_designed_at as coDesignedAt",
      eb
        .selectFrom("success_measures")
        .select((m) => m.fn.countAll<number>().as("n"))
        .whereRef("success_measures.thread_id", "=", "threads.id")
        .as("measures"),
      ...(["met", "partly", "not_met"] as const).map((verdict) =>
        eb
          .selectFrom("success_measures")
          .select((m) => m.fn.countAll<number>().as("n"))
          .whereRef("success_measures.thread_id", "=", "threads.id")
          .where("success_measures.verdict", "=", verdict)
          .as(verdict),
      ),
      "threads.hidden_at as hiddenAt",
      "threads.created_at as createdAt",
    ])
    .where("threads.kind", "=", "idea")
    .where("threads.deleted_at", "is", null)
    .orderBy("threads.id")
    .execute();
  const statusLabel = await statusLabelsNow();
  return csv(
    [
      "id",
      "title",
      "product",
      "status",
      "votes",
      "accounts",
      "target",
      "target public",
      "co-designed",
      "measures",
      "met",
      "partly met",
      "not met",
      "hidden",
      "created",
      "url",
    ],
    rows.map((row) => [
      row.id,
      row.title,
      row.product,
      statusLabel(row.status ?? "open"),
      Number(row.votes),
      Number(row.accounts ?? 0),
      row.target ?? "",
      row.target ? (row.targetPublic === 1 ? "yes" : "no") : "",
      row.coDesignedAt === null ? "no" : "yes",
      Number(row.measures ?? 0),
      Number(row.met ?? 0),
      Number(row.partly ?? 0),
      Number(row.not_met ?? 0),
      row.hiddenAt === null ? "no" : "yes",
      iso(row.createdAt),
      siteUrl(threadPath(row)),
    ]),
  );
}

/** One idea's voters, earliest first, with their account where they have one. */
export async function exportVotersCsv(actor: Actor, threadId: number): Promise<{ csv: string; filename: string }> {
  ensure(can.readStaffPlans(actor), Forbidden, "Only staff can export voters.");
  const thread = await requireThread(threadId);
  ensure(thread.kind === "idea", NotFound, "That thread is not an idea.");
  const voters = await getDb()
    .selectFrom("votes")
    .innerJoin("users", "users.id", "votes.user_id")
    .leftJoin("accounts", "accounts.id", "users.account_id")
    .select(["users.username", "users.display_name as displayName", "accounts.name as account", "votes.created_at as votedAt"])
    .where("votes.thread_id", "=", threadId)
    .orderBy("votes.created_at")
    .orderBy("users.id")
    .execute();
  return {
    filename: `idea-${threadId}-voters.csv`,
    csv: csv(
      ["username", "name", "account", "voted"],
      voters.map((v) => [v.username, v.displayName ?? "", v.account ?? "", iso(v.votedAt)]),
    ),
  };
}
