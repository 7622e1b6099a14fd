import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { assignMember, assignMemberByUsername, createAccount, getAccount, listAccounts, updateAccount } from "~/models/account.server";
import { exportAccountsCsv, importAccountsCsv, parseAccountsCsv } from "~/models/account-csv.server";
import { accountSchema, parseForm, type AccountInput } from "~/utils/validation.server";
import { getProfile } from "~/models/profile.server";
import { getThreadPage } from "~/models/thread.server";
import { createTestReply, createTestThread, createTestUser, refusalOf, statusOf } from "./factories";

let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

/** An account as the admin form sends it, through the form's own schema. */
function input(fields: Record<string, string>): AccountInput {
  const parsed = parseForm(accountSchema, fields);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

const accountOf = async (userId: number) =>
  (await getDb().selectFrom("users").select("account_id").where("id", "=", userId).executeTakeFirstOrThrow()).account_id;
const bytes = (text: string) => new TextEncoder().encode(text);

describe("customer accounts", () => {
  it("lets staff create, search and edit an account with its domains, plan, segment, ARR and owner", async () => {
    const staff = await createTestUser({ role: "staff" });
    const owner = await createTestUser({ role: "staff" });
    const slug = `acme-${unique()}`;
    const { id } = await createAccount(
      staff,
      input({
        name: "Acme",
        slug,
        domains: `${slug}.example, Mail.${slug}.example`,
        plan: "Enterprise",
        segment: "Retail",
        arr: "120,000",
      }),
    );
    const found = await listAccounts(staff, { q: `mail.${slug}` });
    expect(found.map((a) => a.name)).toEqual(["Acme"]);
    expect(found[0]).toMatchObject({
      plan: "Enterprise",
      segment: "Retail",
      arr: 120000,
      domains: [`${slug}.example`, `mail.${slug}.example`],
    });

    const ownerName = (await getDb().selectFrom("users").select("username").where("id", "=", owner.id).executeTakeFirstOrThrow()).username;
    await updateAccount(
      staff,
      id,
      input({ name: "Acme Corp", slug, domains: `${slug}.example`, arr: "90000", owner: ownerName, isPublic: "on" }),
    );
    const account = await getAccount(staff, id);
    expect(account).toMatchObject({
      name: "Acme Corp",
      arr: 90000,
      plan: null,
      ownerUsername: ownerName,
      isPublic: true,
      domains: [`${slug}.example`],
    });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "account")
      .where("target_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["account.create", "account.update"]);
  });

  it("refuses members and visitors every read and write of accounts", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const { id } = await createAccount(staff, input({ name: "Secret", slug: `secret-${unique()}`, arr: "5000" }));
    for (const actor of [member, null]) {
      expect(await statusOf(() => listAccounts(actor))).toBe(403);
      expect(await statusOf(() => getAccount(actor, id))).toBe(403);
      expect(await statusOf(() => createAccount(actor, input({ name: "Nope", slug: `nope-${unique()}` })))).toBe(403);
      expect(await statusOf(() => updateAccount(actor, id, input({ name: "Nope", slug: `nope-${unique()}` })))).toBe(403);
      expect(await statusOf(() => assignMember(actor, member.id, id))).toBe(403);
      expect(await statusOf(() => exportAccountsCsv(actor))).toBe(403);
      expect(await statusOf(() => importAccountsCsv(actor, bytes("name,slug\nX,x\n")))).toBe(403);
    }
    expect(await accountOf(member.id)).toBeNull();
  });

  it("refuses a taken slug, a domain another account has, and an owner who is not staff, next to their fields", async () => {
    const staff = await createTestUser({ role: "staff" });
    const slug = `taken-${unique()}`;
    await createAccount(staff, input({ name: "First", slug, domains: `${slug}.example` }));
    expect((await refusalOf(() => createAccount(staff, input({ name: "Second", slug })))).fields).toHaveProperty("slug");
    const clash = await refusalOf(() =>
      createAccount(staff, input({ name: "Third", slug: `third-${unique()}`, domains: `${slug}.example` })),
    );
    expect(clash).toMatchObject({ status: 409, field: "domains" });
    expect(clash.message).toContain("First");
    await createTestUser({ username: `plain${n}` });
    const owner = await refusalOf(() => createAccount(staff, input({ name: "Fourth", slug: `fourth-${unique()}`, owner: `plain${n}` })));
    expect(owner.field).toBe("owner");
    expect(parseForm(accountSchema, { name: "X", slug: "Bad Slug", domains: "not a domain", arr: "12.5" })).toMatchObject({
      ok: false,
      errors: { name: expect.any(String), slug: expect.any(String), domains: expect.any(String), arr: expect.any(String) },
    });
  });

  it("two staff creating the same slug or domain at once: one account, and a form error for the other", async () => {
    const staff = await createTestUser({ role: "staff" });
    const slug = `race-${unique()}`;
    const results = await Promise.allSettled([
      createAccount(staff, input({ name: "Race One", slug, domains: `${slug}.example` })),
      createAccount(staff, input({ name: "Race Two", slug, domains: `${slug}.example` })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(await statusOf(() => Promise.reject(refused.reason))).toBe(409);
    const other = `race-${unique()}`;
    const domains = await Promise.allSettled([
      createAccount(staff, input({ name: "Race Three", slug: `${other}-a`, domains: `${other}.example` })),
      createAccount(staff, input({ name: "Race Four", slug: `${other}-b`, domains: `${other}.example` })),
    ]);
    expect(domains.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const owners = await getDb().selectFrom("account_domains").select("account_id").where("domain", "=", `${other}.example`).execute();
    expect(owners).toHaveLength(1);
  });

  it("takes in members with a verified address at a domain staff add, unless they belong to an account already", async () => {
    const staff = await createTestUser({ role: "staff" });
    const domain = `joiners-${unique()}.example`;
    const verified = await createTestUser({ email: `ada@${domain}` });
    const unverified = await createTestUser({ email: `bob@${domain}`, unverified: true });
    const elsewhere = await createTestUser({ email: `cy@${domain}` });
    await getDb().updateTable("users").set({ email_verified_at: Date.now() }).where("id", "in", [verified.id, elsewhere.id]).execute();
    const other = await createAccount(staff, input({ name: "Other", slug: `other-${unique()}` }));
    await assignMember(staff, elsewhere.id, other.id);

    const { id, joined } = await createAccount(staff, input({ name: "Joiners", slug: `joiners-${unique()}` }));
    expect(joined).toBe(0);
    const edited = await updateAccount(staff, id, input({ name: "Joiners", slug: (await getAccount(staff, id)).slug, domains: domain }));
    expect(edited.joined).toBe(1);
    expect([await accountOf(verified.id), await accountOf(unverified.id), await accountOf(elsewhere.id)]).toEqual([id, null, other.id]);
  });

  it("lets staff assign a member, move them to another account and take them out: one account at most", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser({ username: `mover${unique()}` });
    const a = await createAccount(staff, input({ name: "Alpha", slug: `a-${unique()}` }));
    const b = await createAccount(staff, input({ name: "Beta", slug: `b-${unique()}` }));
    const username = (await getDb().selectFrom("users").select("username").where("id", "=", member.id).executeTakeFirstOrThrow()).username;
    await assignMemberByUsername(staff, `@${username}`, a.id);
    expect((await getAccount(staff, a.id)).members.map((m) => m.id)).toEqual([member.id]);
    await assignMember(staff, member.id, b.id);
    expect((await getAccount(staff, a.id)).members).toEqual([]);
    expect(await accountOf(member.id)).toBe(b.id);
    await assignMember(staff, member.id, null);
    expect(await accountOf(member.id)).toBeNull();
    expect((await refusalOf(() => assignMemberByUsername(staff, "nobody-here", a.id))).field).toBe("username");
    expect(await statusOf(() => assignMember(staff, member.id, 999_999))).toBe(404);
  });
});

describe("accounts as CSV", () => {
  it("exports every account and imports the file back, creating new slugs and updating known ones", async () => {
    const staff = await createTestUser({ role: "staff", username: `csvstaff${unique()}` });
    const s = unique();
    const { id } = await createAccount(staff, input({ name: "Initech", slug: `initech-${s}`, arr: "1000" }));
    const csv = `name,slug,domains,plan,segment,arr,owner,public\n"Initech, Inc.",initech-${s},initech-${s}.example,Pro,SMB,"2,500",,yes\nHooli,hooli-${s},hooli-${s}.example hooli-${s}.test,Enterprise,Tech,900000,,no\n`;
    expect(await importAccountsCsv(staff, bytes(csv))).toBe(2);
    expect(await getAccount(staff, id)).toMatchObject({ name: "Initech, Inc.", arr: 2500, plan: "Pro", isPublic: true });
    const exported = await exportAccountsCsv(staff);
    expect(exported.split("\n")[0]).toBe("name,slug,domains,plan,segment,arr,owner,public");
    expect(exported).toContain(`Hooli,hooli-${s},hooli-${s}.example hooli-${s}.test,Enterprise,Tech,900000,,no`);
    expect(exported).toContain(`"Initech, Inc.",initech-${s}`);
  });

  it("refuses a bad file by line and imports nothing of it", async () => {
    const staff = await createTestUser({ role: "staff" });
    const s = unique();
    const before = await getDb()
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const message = async (text: string | Uint8Array) =>
      (await refusalOf(() => importAccountsCsv(staff, typeof text === "string" ? bytes(text) : text))).fields.file;

    expect(await message(`name,slug,arr\nGood,good-${s},10\nBad,bad-${s},lots\n`)).toMatch(/^Line 3: arr: .*Nothing was imported\.$/);
    expect(await message(`name,domains\nNo slug,x.example\n`)).toMatch(/^Line 1: missing the column slug/);
    expect(await message(`name,slug,domains\nOne,one-${s},same-${s}.example\nTwo,two-${s},same-${s}.example\n`)).toMatch(
      /^Line 3: the domain same-.* is also on line 2/,
    );
    const latin1 = new Uint8Array([...bytes(`name,slug\nOk,ok-${s}\nCaf`), 0xe9, ...bytes(`,cafe-${s}\n`)]);
    expect(await message(latin1)).toMatch(/^Line 3: this is not UTF-8/);
    const huge = `name,slug\n${"x".repeat(600 * 1024)}\n`;
    expect(await message(huge)).toMatch(/^Line 2: the file is larger than 512 KB/);
    const many = `name,slug\n${Array.from({ length: 2001 }, (_, i) => `Row ${i},row-${s}-${i}`).join("\n")}\n`;
    expect(await message(many)).toMatch(/^Line 2002: more than 2000 accounts/);

    // A domain another account already has: the row that names it, and nothing before it stays.
    await createAccount(staff, input({ name: "Holder", slug: `holder-${s}`, domains: `held-${s}.example` }));
    expect(await message(`name,slug,domains\nFresh,fresh-${s},\nGrabber,grab-${s},held-${s}.example\n`)).toMatch(
      /^Line 3: held-.* already belongs to Holder/,
    );
    const after = await getDb()
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect(parseAccountsCsv(bytes(`\uFEFFName,Slug\nWith BOM,bom-${s}\n`))).toHaveLength(1);
  });
});

describe("an account's name next to its people's names", () => {
  it("shows on posts and profiles when the account is public, and nothing of a private one", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser({ username: `author${unique()}` });
    const replier = await createTestUser({ username: `replier${unique()}` });
    const open = await createAccount(staff, input({ name: "Open Co", slug: `open-${unique()}`, isPublic: "on", arr: "900" }));
    const closed = await createAccount(staff, input({ name: "Closed Co", slug: `closed-${unique()}`, arr: "800" }));
    await assignMember(staff, author.id, open.id);
    await assignMember(staff, replier.id, closed.id);
    const threadId = await createTestThread(author);
    await createTestReply(replier, threadId);
    const page = await getThreadPage(threadId, null);
    expect(page.thread.authorAccount).toBe("Open Co");
    expect(page.replies.map((r) => r.authorAccount)).toEqual([null]);
    const username = async (id: number) =>
      (await getDb().selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;
    expect((await getProfile(await username(author.id), null)).user.accountName).toBe("Open Co");
    expect((await getProfile(await username(replier.id), null)).user.accountName).toBeNull();
    expect(JSON.stringify(await getThreadPage(threadId, author))).not.toMatch(/"arr"|"plan"|"segment"|Closed Co/);
  });
});
