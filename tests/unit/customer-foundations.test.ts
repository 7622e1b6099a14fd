import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { emailDomain, joinAccountByClaim, joinAccountByVerifiedEmail } from "~/models/account-membership.server";
import { productFollowers } from "~/models/product-follow.server";
import { createTestProduct, createTestUser } from "./factories";

let n = 0;
async function account(name: string, domains: string[] = []) {
  const now = Date.now();
  const row = await getDb()
    .insertInto("accounts")
    .values({ slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${++n}`, name, created_at: now, updated_at: now })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  for (const domain of domains) await getDb().insertInto("account_domains").values({ domain, account_id: row.id }).execute();
  return row;
}
const accountOf = async (userId: number) =>
  (await getDb().selectFrom("users").select("account_id").where("id", "=", userId).executeTakeFirstOrThrow()).account_id;

describe("joining a customer account", () => {
  it("reads the domain of an address, in lower case, and nothing from what isn't one", () => {
    expect(emailDomain("Ada@Acme.Example")).toBe("acme.example");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("@acme.example")).toBeNull();
    expect(emailDomain("ada@")).toBeNull();
  });

  it("takes in a member whose verified address has the account's domain, and leaves others alone", async () => {
    const domain = `acme-${Date.now()}.example`;
    const acme = await account("Acme", [domain]);
    const member = await createTestUser();
    const outsider = await createTestUser();
    expect(await joinAccountByVerifiedEmail(getDb(), member.id, `ada@${domain.toUpperCase()}`)).toBe(acme.id);
    expect(await joinAccountByVerifiedEmail(getDb(), outsider.id, "bob@elsewhere.example")).toBeNull();
    expect([await accountOf(member.id), await accountOf(outsider.id)]).toEqual([acme.id, null]);
  });

  it("never moves a member who already belongs to an account by their address", async () => {
    const first = await account("First");
    const domain = `second-${Date.now()}.example`;
    const second = await account("Second", [domain]);
    const member = await createTestUser();
    await getDb().updateTable("users").set({ account_id: first.id }).where("id", "=", member.id).execute();
    expect(await joinAccountByVerifiedEmail(getDb(), member.id, `ada@${domain}`)).toBeNull();
    expect(await accountOf(member.id)).toBe(first.id);
    expect(second.id).not.toBe(first.id);
  });

  it("follows the company sign-in's claim by slug or name, ignoring case, even from another account", async () => {
    const globex = await account("Globex Corporation");
    const initech = await account("Initech");
    const member = await createTestUser();
    expect(await joinAccountByClaim(getDb(), member.id, "  globex corporation ")).toBe(globex.id);
    expect(await joinAccountByClaim(getDb(), member.id, initech.slug.toUpperCase())).toBe(initech.id);
    expect(await accountOf(member.id)).toBe(initech.id);
    expect(await joinAccountByClaim(getDb(), member.id, "Nobody Inc")).toBeNull();
    expect(await accountOf(member.id)).toBe(initech.id);
  });
});

describe("followers of a product", () => {
  it("hear of what their level covers; an announcement reaches them all", async () => {
    const productId = await createTestProduct();
    const [threads, ideas, status] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const now = Date.now();
    await getDb()
      .insertInto("product_subscriptions")
      .values([
        { user_id: threads.id, product_id: productId, level: "threads", created_at: now },
        { user_id: ideas.id, product_id: productId, level: "ideas", created_at: now },
        { user_id: status.id, product_id: productId, level: "status", created_at: now },
      ])
      .execute();
    expect(await productFollowers(getDb(), productId, "thread")).toEqual([threads.id]);
    expect(await productFollowers(getDb(), productId, "idea")).toEqual([threads.id, ideas.id]);
    expect(await productFollowers(getDb(), productId, "status")).toEqual([status.id]);
    expect(await productFollowers(getDb(), productId, "announcement")).toEqual([threads.id, ideas.id, status.id]);
    expect(await productFollowers(getDb(), await createTestProduct(), "announcement")).toEqual([]);
  });
});
