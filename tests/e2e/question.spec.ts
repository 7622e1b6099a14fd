import { expect, test } from "@playwright/test";
import { newPerson, reply, signUp, startThread, uniqueName } from "./helpers";

test("a member asks, another answers, the asker marks the answer and a visitor sees it solved", async ({ page, browser }) => {
  const asker = uniqueName("asker");
  await signUp(page, asker);
  const title = `How do I export invoices as CSV? ${asker}`;
  const path = await startThread(page, {
    product: "Ledger",
    kind: "Question",
    title,
    body: "I need a **CSV** of last month's invoices for our auditor.",
  });
  await expect(page.locator(".markdown strong", { hasText: "CSV" })).toBeVisible();

  const helper = await newPerson(browser);
  const helperName = uniqueName("helper");
  await signUp(helper, helperName);
  await helper.goto(path);
  await reply(helper, "Go to Reports → Invoices and press *Export*.");
  // Only the asker (or staff) may choose the answer.
  await expect(helper.getByRole("button", { name: "Mark as answer" })).toHaveCount(0);

  await page.reload();
  await page.getByRole("button", { name: "Mark as answer" }).click();
  const answer = page.getByRole("region", { name: "✓ Accepted answer" });
  await expect(answer).toContainText("Go to Reports → Invoices");

  const visitor = await newPerson(browser);
  await visitor.goto("/products/ledger");
  const row = visitor.getByRole("listitem").filter({ hasText: title });
  await expect(row.getByText("Solved")).toBeVisible();
  await row.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("region", { name: "✓ Accepted answer" })).toContainText("press Export");
  // The answer sits right under the question, before the other replies.
  const order = await visitor.locator("article").evaluateAll((articles) => articles.map((a) => a.getAttribute("aria-label")));
  expect(order.slice(0, 2)).toEqual(["Question", "Accepted answer"]);

  // The asker can change their mind.
  await page.getByRole("button", { name: "Unmark answer" }).click();
  await expect(page.getByRole("region", { name: "✓ Accepted answer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark as answer" })).toBeVisible();
});

test("under an accepted answer the replies heading counts the other replies, the ones listed under it", async ({ page, browser }) => {
  const asker = uniqueName("asker");
  await signUp(page, asker);
  const path = await startThread(page, {
    product: "Ledger",
    kind: "Question",
    title: `Where are the tax settings? ${asker}`,
    body: "I can't find them anywhere.",
  });
  const helper = await newPerson(browser);
  await signUp(helper, uniqueName("helper"));
  await helper.goto(path);
  await reply(helper, "Settings → Taxes.");
  await reply(helper, "Or search for tax in the settings.");

  await page.reload();
  const heading = page.locator("#replies-title");
  const listed = page.locator("section.replies article");
  await expect(heading).toHaveText("2 replies");
  await expect(listed).toHaveCount(2);

  await page.locator("article").filter({ hasText: "Settings → Taxes." }).getByRole("button", { name: "Mark as answer" }).click();
  await expect(page.getByRole("region", { name: "✓ Accepted answer" })).toContainText("Settings → Taxes.");
  await expect(heading).toHaveText("1 other reply");
  await expect(listed).toHaveCount(1);
});
