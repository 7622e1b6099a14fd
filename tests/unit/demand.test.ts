import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { assignMember, createAccount } from "~/models/account.server";
import { ideaDemand, listDemand } from "~/models/demand.server";
import { listOnBehalf, recordOnBehalf, removeOnBehalf } from "~/models/on-behalf.server";
import { unvote, vote } from "~/models/vote.server";
import { accountSchema, parseForm } from "~/utils/validation.server";
import { createTestProduct, createTestThread, createTestUser, getThreadRow, refusalOf, statusOf, type TestActor } from "./factories";

let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

async function account(staff: TestActor, name: string, fields: Record<string, string> = {}) {
  const parsed = parseForm(accountSchema, { name, slug: `${name.toLowerCase()}-${unique()}`, ...fields });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await createAccount(staff, parsed.data)).id;
}
const usernameOf = async (id: number) =>
  (await getDb().selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;

/** A staff member, two accounts with people in them, and an idea. */
async function world() {
  const staff = await createTestUser({ role: "staff" });
  const acme = await account(staff, "Acme", { arr: "120000", plan: "Enterprise", segment: "Retail" });
  const globex = await account(staff, "Globex", { arr: "30000", plan: "Pro", segment: "Tech" });
  const ada = await createTestUser();
  const bob = await createTestUser();
  const cy = await createTestUser();
  await assignMember(staff, ada.id, acme);
  await assignMember(staff, bob.id, acme);
  await assignMember(staff, cy.id, globex);
  const productId = await createTestProduct();
  const author = await createTestUser();
  const idea = await createTestThread(author, { kind: "idea", productId });
  return { staff, acme, globex, ada, bob, cy, idea, productId };
}

describe("feedback recorded on a customer's behalf", () => {
  it("with a person: casts their vote, tells them, shows 'on behalf of, recorded by', and they can take it back", async () => {
    const { staff, acme, ada, idea } = await world();
    const before = (await getThreadRow(idea)).vote_count;
    await recordOnBehalf(staff, idea, { account: acme, person: await usernameOf(ada.id), useCase: "We export 40k rows every Monday." });
    expect((await getThreadRow(idea)).vote_count).toBe(before + 1);
    const notice = await getDb().selectFrom("notifications").select(["kind", "detail"]).where("user_id", "=", ada.id).execute();
    expect(notice).toEqual([{ kind: "on_behalf_vote", detail: "Acme" }]);
    const [record] = await listOnBehalf(ada, idea);
    expect(record).toMatchObject({ accountName: "Acme", personId: ada.id, useCase: "We export 40k rows every Monday." });
    expect(record!.recordedByUsername).toBe(await usernameOf(staff.id));

    await unvote(ada, idea);
    expect((await getThreadRow(idea)).vote_count).toBe(before);
    expect(await listOnBehalf(staff, idea)).toEqual([]);
  });

  it("without a person: counts toward the account's demand, not the public vote count", async () => {
    const { staff, acme, idea } = await world();
    const before = (await getThreadRow(idea)).vote_count;
    await recordOnBehalf(staff, idea, { account: acme, person: null, useCase: "From ticket 4411" });
    await recordOnBehalf(staff, idea, { account: acme, person: null, useCase: "Second call: still wanted" });
    expect((await getThreadRow(idea)).vote_count).toBe(before);
    const records = await listOnBehalf(staff, idea);
    expect(records.map((r) => r.useCase)).toEqual(["Second call: still wanted"]);
    expect(await ideaDemand(staff, idea)).toMatchObject({ votes: before, arr: 120000, accounts: [{ name: "Acme" }] });
    await removeOnBehalf(staff, idea, records[0]!.id);
    expect((await ideaDemand(staff, idea)).accounts).toEqual([]);
  });

  it("refuses members, a person outside the account, an unknown account, and ideas closed to votes", async () => {
    const { staff, acme, globex, ada, cy, idea } = await world();
    const before = (await getThreadRow(idea)).vote_count;
    expect(await statusOf(() => recordOnBehalf(ada, idea, { account: acme, person: null, useCase: null }))).toBe(403);
    expect(await statusOf(() => recordOnBehalf(null, idea, { account: acme, person: null, useCase: null }))).toBe(403);
    const wrong = await refusalOf(async () =>
      recordOnBehalf(staff, idea, { account: acme, person: await usernameOf(cy.id), useCase: null }),
    );
    expect(wrong).toMatchObject({ status: 400, field: "person" });
    expect((await refusalOf(() => recordOnBehalf(staff, idea, { account: 999_999, person: null, useCase: null }))).field).toBe("account");
    const discussion = await createTestThread(staff);
    expect(await statusOf(() => recordOnBehalf(staff, discussion, { account: globex, person: null, useCase: null }))).toBe(400);
    expect(await statusOf(() => removeOnBehalf(ada, idea, 1))).toBe(403);
    expect((await getThreadRow(idea)).vote_count).toBe(before);
  });

  it("lets staff read every record, a member only their own account's, and visitors none", async () => {
    const { staff, acme, globex, ada, bob, cy, idea } = await world();
    await recordOnBehalf(staff, idea, { account: acme, person: null, useCase: "Acme's secret plan" });
    await recordOnBehalf(staff, idea, { account: globex, person: await usernameOf(cy.id), useCase: "Globex's secret plan" });
    const quotes = async (viewer: TestActor | null) => (await listOnBehalf(viewer, idea)).map((r) => r.useCase).sort();
    expect(await quotes(staff)).toEqual(["Acme's secret plan", "Globex's secret plan"]);
    expect(await quotes(bob)).toEqual(["Acme's secret plan"]);
    expect(await quotes(ada)).toEqual(["Acme's secret plan"]);
    expect(await quotes(cy)).toEqual(["Globex's secret plan"]);
    expect(await quotes(await createTestUser())).toEqual([]);
    expect(await quotes(null)).toEqual([]);
    expect(await statusOf(() => ideaDemand(ada, idea))).toBe(403);
    expect(await statusOf(() => listDemand(ada))).toBe(403);
    expect(await statusOf(() => listDemand(null))).toBe(403);
  });
});

describe("demand per idea", () => {
  it("counts each account once, sums ARR, splits by plan and segment, and sorts and filters /admin/demand", async () => {
    const { staff, acme, globex, ada, bob, cy, idea, productId } = await world();
    await vote(ada, idea);
    await vote(bob, idea);
    await recordOnBehalf(staff, idea, { account: globex, person: null, useCase: null });
    const loud = await createTestThread(await createTestUser(), { kind: "idea", productId, title: `Many votes ${unique()}` });
    for (let i = 0; i < 3; i++) await vote(await createTestUser(), loud);
    await vote(cy, loud);

    const demand = await ideaDemand(staff, idea);
    // The author's own vote, Ada's and Bob's (one account, counted once), and Globex recorded without a person.
    expect(demand).toMatchObject({ votes: 3, arr: 150000 });
    expect(demand.accounts.map((a) => a.name)).toEqual(["Acme", "Globex"]);
    expect(demand.byPlan).toEqual([
      { key: "Enterprise", accounts: 1, arr: 120000 },
      { key: "Pro", accounts: 1, arr: 30000 },
    ]);
    expect(demand.bySegment.map((g) => g.key)).toEqual(["Retail", "Tech"]);

    const titles = async (filter: Parameters<typeof listDemand>[1]) => (await listDemand(staff, { productId, ...filter })).map((r) => r.id);
    expect(await titles({ sort: "arr" })).toEqual([idea, loud]);
    expect(await titles({ sort: "votes" })).toEqual([loud, idea]);
    expect(await titles({ sort: "accounts" })).toEqual([idea, loud]);
    // Narrowed to a plan, each idea counts only that plan's accounts: equal ARR, then votes decide.
    expect(await titles({ plan: "Pro" })).toEqual([loud, idea]);
    const onlyPro = await listDemand(staff, { productId, plan: "Pro" });
    expect(onlyPro.find((r) => r.id === idea)).toMatchObject({ arr: 30000, accounts: [{ name: "Globex" }] });
    expect(await titles({ segment: "Retail" })).toEqual([idea]);
    expect(await titles({ status: "shipped" })).toEqual([]);
    void acme;
  });
});
