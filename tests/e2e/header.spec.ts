import { expect, test, type Page } from "@playwright/test";
import { newPerson, openAccountMenu, signIn } from "./helpers";

// Issue 14: the header wrapped to two rows at 1280 px when signed in and was 239 px tall at 390 px with no menu.
// At 1280 px it is one row for every role; at 390 px the navigation folds into a menu that works without JavaScript
// and the folded header is at most 64 px tall. Visitors get a link to /tags.

const roles = [
  { role: "visitor", login: null, links: ["Roadmap", "Changelog", "Tags", "Sign in", "Join the community"] },
  { role: "member", login: "member@example.com", links: ["Roadmap", "Changelog", "Tags", "New thread", "Notifications"] },
  { role: "staff", login: "staff@example.com", links: ["Roadmap", "Changelog", "Tags", "Staff", "New thread", "Notifications"] },
  { role: "admin", login: "admin@example.com", links: ["Roadmap", "Changelog", "Tags", "Staff", "Admin", "New thread", "Notifications"] },
] as const;

async function headerHeight(page: Page): Promise<number> {
  const box = await page.getByRole("banner").boundingBox();
  return box?.height ?? Number.POSITIVE_INFINITY;
}

const banner = (page: Page) => page.getByRole("banner");

for (const { role, login, links } of roles) {
  test(`the header for a ${role}: one row at 1280 px, a folded menu at most 64 px tall at 390 px`, async ({ browser }) => {
    const page = await newPerson(browser);
    if (login) await signIn(page, login);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/roadmap");
    const wide = await headerHeight(page);
    console.log(`header height, ${role}, 1280 px: ${wide} px`);
    expect(wide).toBeLessThanOrEqual(64);
    await expect(banner(page).getByText("Menu", { exact: true })).toBeHidden();
    for (const name of links) await expect(banner(page).getByRole("link", { name, exact: false }).first()).toBeVisible();
    await expect(banner(page).getByRole("searchbox", { name: "Search the community" })).toBeVisible();
    if (login) {
      // Settings and sign out drop down from the member's name.
      await expect(banner(page).getByRole("link", { name: "Settings" })).toBeHidden();
      await openAccountMenu(page);
      await expect(banner(page).getByRole("link", { name: "Settings" })).toBeVisible();
      await expect(banner(page).getByRole("button", { name: "Sign out" })).toBeVisible();
      await page.getByRole("heading", { level: 1 }).click();
      await expect(banner(page).getByRole("button", { name: "Sign out" })).toBeHidden();
    }
    // Nothing sticks out of the row: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const last = await banner(page).getByRole("navigation", { name: "Account" }).boundingBox();
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual(1280);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/roadmap");
    const folded = await headerHeight(page);
    console.log(`header height, ${role}, 390 px folded: ${folded} px`);
    expect(folded).toBeLessThanOrEqual(64);
    await expect(banner(page).getByRole("link", { name: "Roadmap" })).toBeHidden();
    await banner(page).getByText("Menu", { exact: true }).click();
    for (const name of links) await expect(banner(page).getByRole("link", { name, exact: false }).first()).toBeVisible();
    if (login) {
      await expect(banner(page).getByRole("link", { name: "Settings" })).toBeVisible();
      await expect(banner(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    }
    await banner(page).getByRole("link", { name: "Tags" }).click();
    await expect(page).toHaveURL(/\/tags$/);
    await expect(banner(page).getByRole("link", { name: "Roadmap" })).toBeHidden();
    await page.context().close();
  });
}

test("without JavaScript the folded menu opens and its links work", async ({ browser }) => {
  const page = await newPerson(browser, false);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  expect(await headerHeight(page)).toBeLessThanOrEqual(64);
  await banner(page).getByText("Menu", { exact: true }).click();
  await banner(page).getByRole("link", { name: "Tags" }).click();
  await expect(page).toHaveURL(/\/tags$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await banner(page).getByText("Menu", { exact: true }).click();
  await banner(page).getByRole("searchbox", { name: "Search the community" }).fill("invoice");
  await banner(page).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=invoice/);
  await page.context().close();
});
