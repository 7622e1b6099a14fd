import { expect, test } from "@playwright/test";
import { newPerson, signIn, signUp, startThread, uniqueName } from "./helpers";

/**
 * Issue 17, part A, as people do it: staff create a customer account, put a
 * member in it and import more accounts from CSV (a bad file is refused by
 * line); staff record that customer's vote and use case on an idea from a
 * call; /admin/demand ranks the idea by the account's revenue; the member is
 * told, sees "on behalf of …, recorded by …" and takes the vote back (without
 * JavaScript); a member of another account sees neither the quote nor revenue.
 */

test("staff record a customer's demand; the member sees it and takes the vote back", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const name = `Umbrella ${stamp}`;
  const customer = uniqueName("umb");

  // A member signs up; later staff place them in their company's account.
  const member = await newPerson(browser, false);
  await signUp(member, customer);

  await signIn(page, "staff@example.com");
  await page.goto("/admin/accounts");
  const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Create account" }) });
  await create.getByLabel("Name", { exact: true }).fill(name);
  await create.getByLabel("Slug", { exact: true }).fill(`umbrella-${stamp}`);
  await create.getByLabel("Email domains").fill(`umbrella-${stamp}.example`);
  await create.getByLabel("Plan", { exact: true }).fill("Enterprise");
  await create.getByLabel("Segment", { exact: true }).fill("Pharma");
  await create.getByLabel(/Annual revenue/).fill("2,500,000");
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Enterprise · Pharma · $2,500,000 a year")).toBeVisible();
  await page.getByLabel("Add a member by username").fill(customer);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("link", { name: customer })).toBeVisible();

  // CSV: a bad row is refused by its line and nothing is imported; the good file is.
  await page.goto("/admin/accounts");
  const file = (text: string) => ({ name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page
    .getByLabel("CSV file (UTF-8)")
    .setInputFiles(file(`name,slug,arr\nInitrode ${stamp},initrode-${stamp},12\nBad,bad-${stamp},lots\n`));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(/^Line 3: arr: .*Nothing was imported\./)).toBeVisible();
  await page.getByLabel("CSV file (UTF-8)").setInputFiles(file(`name,slug,plan,arr\nInitrode ${stamp},initrode-${stamp},Pro,12000\n`));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 1 account.")).toBeVisible();
  await expect(page.getByRole("link", { name: `Initrode ${stamp}` })).toBeVisible();

  // Feedback from a call, on an idea: the person's vote, their words.
  const idea = await startThread(page, { product: "Relay", kind: "Idea", title: `Replay events after downtime ${stamp}`, body: "Replay." });
  await page.getByRole("link", { name: "Record feedback for a customer" }).click();
  await page.getByLabel("Customer account").selectOption({ label: name });
  await page.getByLabel("Person (username, optional)").fill(customer);
  await page.getByLabel("Their use case, in their words").fill("Our lab systems go down every Sunday night; we replay by hand.");
  await page.getByRole("button", { name: "Record vote on their behalf" }).click();
  await expect(page).toHaveURL(new RegExp(`${idea}#on-behalf$`));
  const recorded = page.locator("#on-behalf");
  await expect(recorded).toContainText(`on behalf of ${name}, recorded by Sam from Cocreate`);
  await expect(recorded.locator("blockquote")).toHaveText("Our lab systems go down every Sunday night; we replay by hand.");
  await expect(page.locator(".vote-count")).toHaveText("2 votes");
  await expect(page.getByRole("region", { name: "Demand (staff only)" })).toContainText("$2,500,000 ARR");

  await page.goto("/admin/demand?sort=arr&plan=Enterprise");
  const row = page.getByRole("row").filter({ hasText: `Replay events after downtime ${stamp}` });
  await expect(row).toContainText(`${name} ($2,500,000)`);

  // The member (no JavaScript) is told, sees it on the idea, and takes the vote back.
  await member.goto("/notifications");
  await expect(
    member.getByText(`Sam from Cocreate recorded your vote for “Replay events after downtime ${stamp}” on behalf of ${name}`),
  ).toBeVisible();
  await member.goto(idea);
  await expect(member.locator("#on-behalf")).toContainText(`on behalf of ${name}, recorded by Sam from Cocreate`);
  await expect(member.getByText("Demand (staff only)")).toHaveCount(0);
  await member.getByRole("button", { name: "Take back my vote" }).click();
  await expect(member.locator(".vote-count")).toHaveText("1 vote");
  await expect(member.locator("#on-behalf")).toHaveCount(0);

  // A member of another account: votes only, and nothing of revenue or quotes in the page's data either.
  await page.goto(idea);
  await expect(page.locator("#on-behalf")).toHaveCount(0);
  const other = await newPerson(browser);
  await signIn(other, "priya@example.com");
  const response = await other.goto(idea);
  const html = await response!.text();
  for (const secret of ["2500000", "Pharma", "Enterprise", "lab systems"]) expect(html, secret).not.toContain(secret);
  await other.context().close();
  await member.context().close();
});
