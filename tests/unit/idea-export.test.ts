import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { getDb } from "~db/client.server";
import { exportIdeasCsv, exportVotersCsv, safeCell } from "~/models/idea-export.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { setTargetRelease } from "~/models/idea-plan.server";
import { vote } from "~/models/vote.server";
import { createTestThread, createTestUser, statusOf } from "./factories";

async function account(name: string) {
  const now = Date.now();
  const row = await getDb()
    .insertInto("accounts")
    .values({ slug: `${name.toLowerCase()}-${now}-${Math.random().toString(36).slice(2, 6)}`, name, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];

describe("CSV exports", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    for (const start of ["+", "-", "@", "\t", "\r"]) expect(safeCell(`${start}1`)).toBe(`'${start}1`);
    expect(safeCell("Plain title")).toBe("Plain title");
    expect(safeCell(-3)).toBe(-3);
  });

  it("lists every idea with votes, voters' accounts, status, target and verdict counts", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    const acme = await account("Acme");
    const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()];
    await getDb().updateTable("users").set({ account_id: acme }).where("id", "in", [a.id, b.id]).execute();
    const ideaId = await createTestThread(author, { kind: "idea", title: "=SUM(A1:A9) bulk edit" });
    for (const voter of [a, b, c]) await vote(voter, ideaId);
    await setIdeaStatus(staff, ideaId, { status: "planned", note: "Planned." });
    await setTargetRelease(staff, ideaId, { target: "2027-Q3", isPublic: false, reason: "" });
    await getDb()
      .insertInto("success_measures")
      .values([
        { thread_id: ideaId, user_id: a.id, measure: "Saves an hour", verdict: "met", created_at: 1, updated_at: 1 },
        { thread_id: ideaId, user_id: b.id, measure: "Fewer errors", verdict: "not_met", created_at: 1, updated_at: 1 },
        { thread_id: ideaId, user_id: c.id, measure: "Faster", verdict: null, created_at: 1, updated_at: 1 },
      ])
      .execute();
    await createTestThread(author, { kind: "discussion", title: "Not an idea" });

    const rows = rowsOf(await exportIdeasCsv(staff));
    const row = rows.find((r) => r.id === String(ideaId));
    expect(row).toMatchObject({
      title: "'=SUM(A1:A9) bulk edit",
      status: "Planned",
      votes: "4",
      accounts: "1",
      target: "2027-Q3",
      "target public": "no",
      measures: "3",
      met: "1",
      "not met": "1",
      "partly met": "0",
    });
    expect(rows.some((r) => r.title === "Not an idea")).toBe(false);

    const voters = rowsOf((await exportVotersCsv(staff, ideaId)).csv);
    expect(voters.map((v) => v.account)).toEqual(["", "Acme", "Acme", ""]);
  });

  it("is staff's only (403 for members and visitors)", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const ideaId = await createTestThread(member, { kind: "idea" });
    expect(await statusOf(() => exportIdeasCsv(member))).toBe(403);
    expect(await statusOf(() => exportIdeasCsv(null))).toBe(403);
    expect(await statusOf(() => exportVotersCsv(member, ideaId))).toBe(403);
    expect(await statusOf(() => exportVotersCsv(staff, 99_999_999))).toBe(404);
  });
});
