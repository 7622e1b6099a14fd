import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Every main page, signed out and in, at desktop and phone widths: no serious or critical axe violations.

async function firstThreadOfKind(page: Page, kind: "question" | "idea" | "discussion"): Promise<string> {
  await page.goto(`/products/relay?kind=${kind}`);
  const href = await page.locator(".thread-row-title a").first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

/** The id of a demo thread found by its title in a product's list. */
async function demoThreadId(page: Page, product: string, title: string): Promise<string> {
  await page.goto(`/products/${product}?sort=new`);
  const href = await page.getByRole("link", { name: title, exact: true }).first().getAttribute("href");
  return /\/threads\/(\d+)/.exec(href ?? "")![1]!;
}

async function expectNoSeriousViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expectNoSeriousViolationsHere(page, path);
}

/** The page as it is now (after clicks), not reloaded. */
async function expectNoSeriousViolationsHere(page: Page, path: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) on ${path}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, serious.join("\n")).toEqual([]);
}

for (const width of [1280, 390]) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("public pages", async ({ page }) => {
      // Fifteen pages, each checked by axe: more than the default 30 s when the machine is busy.
      test.setTimeout(120_000);
      const threads = [
        await firstThreadOfKind(page, "question"),
        await firstThreadOfKind(page, "idea"),
        await firstThreadOfKind(page, "discussion"),
      ];
      for (const path of [
        "/",
        "/products/ledger",
        "/products/ledger?sort=votes&kind=idea",
        ...threads,
        "/search?q=invoice",
        "/search?q=zzzz",
        "/tags",
        "/roadmap",
        "/changelog",
        "/users/member",
        "/login",
        "/signup",
        "/embed/changelog",
        "/forgot-password",
        "/forgot-password?sent=1",
        "/verify-email?sent=1",
      ]) {
        await expectNoSeriousViolations(page, path);
      }
    });

    test("signed-in pages", async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, "admin@example.com");
      const idea = await firstThreadOfKind(page, "idea");
      const ideaId = /\/threads\/(\d+)/.exec(idea)?.[1];
      // Issue 21: the idea with its co-design group, its private discussion, the group's page, a poll, the announcement form.
      const grouped = await demoThreadId(page, "ledger", "Import bank transactions from any CSV file");
      const polled = await demoThreadId(page, "ledger", "What does your month-end close look like?");
      const discussion = await demoThreadId(page, "ledger", "Co-design group: Import bank transactions from any CSV file");
      for (const path of [
        "/",
        "/products/ledger",
        "/threads/new",
        "/admin/tags",
        idea,
        `/threads/${ideaId}/plan`,
        "/admin/statuses",
        "/admin/accounts",
        "/admin/accounts/1",
        "/admin/demand",
        `/threads/${ideaId}/on-behalf`,
        "/admin/success/at-risk",
        "/accounts/brightline/success",
        "/settings/sessions",
        `${idea}?quote=thread`,
        `/threads/${grouped}`,
        `/threads/${grouped}/codesign`,
        `/threads/${discussion}`,
        `/threads/${polled}`,
        `/threads/${grouped}/poll`,
        "/announcements/new",
      ]) {
        await expectNoSeriousViolations(page, path);
      }
      // The editor showing its preview and a saved draft.
      await page.goto(idea);
      await page.getByRole("textbox", { name: "Reply" }).fill("**Checked** for contrast, with a [link](/roadmap).");
      await expect(page.getByText("Draft saved.")).toBeVisible();
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(page.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("Checked");
      await expectNoSeriousViolationsHere(page, `${idea} (preview)`);
      await page.getByRole("button", { name: "Discard draft" }).click();
    });
  });
}
