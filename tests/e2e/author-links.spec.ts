import { expect, test } from "@playwright/test";

// Issue 14: a name on a post, in a list or in search results is a way to the person.

test("the author's name on a post, in a product's list and in search results opens their profile", async ({ page }) => {
  await page.goto("/products/ledger");
  const row = page.getByRole("listitem").filter({ hasText: "Import bank transactions from any CSV file" });
  await row.getByRole("link", { name: "Mia Member" }).click();
  await expect(page).toHaveURL(/\/users\/member$/);
  await expect(page.getByRole("heading", { level: 1, name: /Mia Member/ })).toBeVisible();

  await page.goto("/search?q=bank+transactions");
  const result = page.getByRole("listitem").filter({ hasText: "Import bank transactions from any CSV file" });
  await result.getByRole("link", { name: "Mia Member" }).click();
  await expect(page).toHaveURL(/\/users\/member$/);

  await page.goto("/search?q=bank+transactions");
  await result.getByRole("link", { name: "Import bank transactions from any CSV file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import bank transactions from any CSV file" })).toBeVisible();
  const threadUrl = page.url();
  const question = page.getByRole("article", { name: "Opening post" });
  await question.getByRole("link", { name: "Mia Member" }).click();
  await expect(page).toHaveURL(/\/users\/member$/);
  await page.goto(threadUrl);
  const reply = page.getByRole("article", { name: /^Reply by Li Wei Chen/ }).first();
  await reply.getByRole("link", { name: "Li Wei Chen" }).click();
  await expect(page).toHaveURL(/\/users\/li-wei$/);
  await expect(page.getByRole("heading", { level: 1, name: /Li Wei Chen/ })).toBeVisible();
});
