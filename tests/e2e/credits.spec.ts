import { expect, test } from "@playwright/test";
import { newPerson, reply, signIn, signUp, startThread, uniqueName } from "./helpers";

// Issue 14: "the author is always credited", so the form shows the author's credit as fixed, and every list names the proposer first.

test("accepting an idea shows its author's credit as fixed and lists the proposer first", async ({ page, browser }) => {
  // The helper signs up before the author, so ordering by account cannot put the proposer first by luck.
  const helperName = uniqueName("shaper");
  const helper = await newPerson(browser);
  await signUp(helper, helperName);
  const authorName = uniqueName("proposer");
  await signUp(page, authorName);
  const title = `Split one invoice across two cost centres ${authorName}`;
  const path = await startThread(page, { product: "Ledger", kind: "Idea", title, body: "Let one invoice line carry two cost centres." });
  await helper.goto(path);
  await reply(helper, "It should keep the split when the invoice is copied.");

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await staff.getByLabel("Public note").fill("Planned for the spring release.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Planned");
  await staff.getByRole("link", { name: /Accept as co-designed/ }).click();

  const form = staff.getByRole("group", { name: "Credit the people who shaped it" });
  await expect(form.getByRole("checkbox", { name: new RegExp(helperName) })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: new RegExp(authorName) })).toHaveCount(0);
  await expect(form.getByText(authorName).first()).toBeVisible();
  await expect(form.getByText("Always credited", { exact: true })).toBeVisible();
  await expect(form.getByLabel(new RegExp(`What ${authorName} contributed`))).toHaveValue("Proposed the idea");
  await form.getByRole("checkbox", { name: new RegExp(helperName) }).check();
  await form.getByLabel(`What ${helperName} contributed`).fill("Asked to keep the split on copies");
  await staff.getByRole("button", { name: /Accept as co-designed/ }).click();

  const credits = staff.getByRole("region", { name: "★ Co-designed with" }).getByRole("listitem");
  await expect(credits).toHaveCount(2);
  await expect(credits.nth(0)).toContainText(authorName);
  await expect(credits.nth(0)).toContainText("Proposed the idea");
  await expect(credits.nth(1)).toContainText(helperName);

  // After acceptance the proposer's credit cannot be removed; the helper's can.
  await staff.getByRole("link", { name: "Manage co-designer credits" }).click();
  await expect(staff.getByRole("button", { name: new RegExp(`Remove credit for ${authorName}`) })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: new RegExp(`Remove credit for ${helperName}`) })).toBeVisible();
  await expect(staff.getByRole("listitem").first()).toContainText("Always credited");
});
