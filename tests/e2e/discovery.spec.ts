import { expect, test } from "@playwright/test";
import { newPerson, signIn, signUp, uniqueName } from "./helpers";

const closedPeriodQuestion = "How do I correct an invoice from a period that's already closed?";

test("a visitor searches from the header and opens a result", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search the community" }).fill("invoice closed");
  await page.getByRole("searchbox", { name: "Search the community" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=invoice\+closed/);
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "“invoice closed”" })).toHaveText(/^\d+ threads? match(es)? “invoice closed”$/);
  // The one thread with both words in its title comes first.
  await expect(page.locator(".search-results .thread-row-title").first()).toHaveText(closedPeriodQuestion);
  const result = page.getByRole("listitem").filter({ hasText: closedPeriodQuestion });
  await expect(result.locator("mark").first()).toBeVisible();
  await result.getByRole("link", { name: closedPeriodQuestion }).click();
  await expect(page.getByRole("heading", { level: 1, name: closedPeriodQuestion })).toBeVisible();
});

test("search filters narrow results, and anything typed gets a page, never an error", async ({ page }) => {
  await page.goto("/search?q=webhook");
  await expect(page.getByRole("link", { name: "Webhook signature check fails on every request" })).toBeVisible();
  await page.getByLabel("Kind").selectOption("idea");
  await page.getByRole("button", { name: "Search", exact: true }).last().click();
  await expect(page).toHaveURL(/\/search\?q=webhook&kind=idea$/);
  await expect(page.getByRole("link", { name: "Retry failed webhook deliveries from the dashboard" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Webhook signature check fails on every request" })).toHaveCount(0);

  for (const q of ['NEAR("zzqx', "*", "zzqx AND (", "🎉", '"unbalanced zzqx', "x".repeat(10_000)]) {
    const response = await page.goto(`/search?${new URLSearchParams({ q })}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/No results for/)).toBeVisible();
  }
});

test("sort and filters live in the URL and survive back and forward", async ({ page }) => {
  await page.goto("/products/ledger");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/products\/ledger$/);
  await page.getByLabel("Sort by").selectOption("votes");
  await page.getByLabel("Kind").selectOption("idea");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/products\/ledger\?sort=votes&kind=idea$/);
  const titles = page.locator(".thread-row-title a");
  await expect(titles.first()).toHaveText("Import bank transactions from any CSV file");
  await expect(page.getByRole("listitem").filter({ hasText: closedPeriodQuestion })).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/\/products\/ledger$/);
  await expect(page.getByRole("link", { name: closedPeriodQuestion })).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel("Sort by")).toHaveValue("votes");

  // A shared link shows the same list.
  await page.goto("/products/ledger?kind=question&solved=no");
  await expect(page.getByLabel("Answer")).toHaveValue("no");
  for (const badge of await page.locator(".thread-row .badge-kind").allTextContents()) expect(badge).toBe("Question");
  // No test declines a Relay idea, so this combination stays empty whatever ran before.
  await page.goto("/products/relay?unanswered=1&kind=idea&status=declined");
  await expect(page.getByText("No threads match these filters.")).toBeVisible();
});

test("staff create a tag, a member tags a thread and it is listed under the tag", async ({ page, browser }) => {
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  const tagSlug = uniqueName("tag")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  const tagName = `Close ${tagSlug.slice(-6)}`;
  await staff.goto("/admin/tags");
  await staff.locator("#new-name").fill(tagName);
  await staff.locator("#new-slug").fill(tagSlug);
  await staff.getByRole("button", { name: "Create tag" }).click();
  await expect(staff.getByRole("link", { name: `#${tagName}` })).toBeVisible();

  const member = uniqueName("tagger");
  await signUp(page, member);
  const title = `Month-end checklist ${member}`;
  await page.goto("/threads/new");
  await page.getByLabel("Product").selectOption({ label: "Ledger" });
  await page.getByRole("radio", { name: /^Discussion/ }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Details").fill("What is on yours?");
  await page.getByRole("checkbox", { name: tagName }).check();
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("link", { name: `#${tagName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/tags/${tagSlug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(tagName);
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // Staff rename the tag; the thread keeps it under the new name.
  await staff.goto("/admin/tags");
  const row = staff.getByRole("listitem").filter({ hasText: `#${tagName}` });
  await row.getByLabel("Name", { exact: true }).fill(`${tagName} renamed`);
  await row.getByRole("button", { name: "Rename" }).click();
  await expect(staff.getByRole("link", { name: `#${tagName} renamed` })).toBeVisible();
  await page.goto(`/tags/${tagSlug}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${tagName} renamed`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test.describe("similar threads", () => {
  test("without JavaScript, checking for similar threads keeps what was typed", async ({ browser }) => {
    const page = await newPerson(browser, false);
    await signIn(page, "member@example.com");
    await page.goto("/threads/new");
    await page.getByLabel("Product").selectOption({ label: "Ledger" });
    await page.getByLabel("Title").fill("Correct an invoice in a closed period");
    await page.getByLabel("Details").fill("My draft text.");
    await page.getByRole("button", { name: "Check for similar threads" }).click();
    const similar = page.getByRole("region", { name: /Similar threads/ });
    await expect(similar.getByRole("link", { name: new RegExp(closedPeriodQuestion.replace(/[?']/g, ".")) })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue("Correct an invoice in a closed period");
    await expect(page.getByLabel("Details")).toHaveValue("My draft text.");
    await expect(page.getByLabel("Product")).toHaveValue("ledger");
  });

  test("with JavaScript, suggestions follow the title as it is typed", async ({ page }) => {
    await signIn(page, "member@example.com");
    await page.goto("/threads/new");
    await page.getByLabel("Title").pressSequentially("webhook signature", { delay: 20 });
    await expect(
      page.getByRole("region", { name: /Similar threads/ }).getByRole("link", { name: /Webhook signature check fails/ }),
    ).toBeVisible();
  });
});
