import { expect, test } from "@playwright/test";
import { reply, signIn, signUp, startThread, uniqueName } from "./helpers";

test("a member edits their own thread and reply and the page says they were edited", async ({ page }) => {
  const name = uniqueName("editor");
  await signUp(page, name);
  await startThread(page, {
    product: "Ledger",
    kind: "Discussion",
    title: `First draft ${name}`,
    body: "Original text.",
  });
  await page.getByRole("article", { name: "Opening post" }).getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill(`Second draft ${name}`);
  await page.getByLabel("Details").fill("Better text.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Second draft ${name}` })).toBeVisible();
  await expect(page.getByRole("article", { name: "Opening post" })).toContainText("Better text.");
  await expect(page.getByRole("article", { name: "Opening post" })).toContainText("edited");

  await reply(page, "A reply with a typo.");
  await page.locator("article").filter({ hasText: "A reply with a typo." }).getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit your reply" })).toBeVisible();
  await page.getByRole("textbox", { name: "Reply" }).fill("A reply without a typo.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const edited = page.locator("article").filter({ hasText: "A reply without a typo." });
  await expect(edited).toContainText("edited");
});

test("an admin creates a product and renames it", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/products");
  const slug = uniqueName("beacon").replace(/[^a-z0-9-]/g, "");
  await page.getByLabel("Name").fill("Beacon");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Description").fill("Status pages for your services.");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beacon" })).toBeVisible();

  await page.goto("/admin/products");
  await page.getByRole("link", { name: "Edit Beacon" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Beacon" })).toBeVisible();
  await page.getByLabel("Name").fill("Beacon Status");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beacon Status" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Beacon Status" })).toBeVisible();
});
