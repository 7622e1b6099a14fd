import { expect, test, type Browser, type Page } from "@playwright/test";
import { newPerson, signIn, signUp, SIGNUP_PASSWORD, startThread, uniqueName, openAccountMenu } from "./helpers";

/** A new member signed in twice: in `page`, then in a second browser; `page` is left on /settings. */
async function memberInTwoBrowsers(page: Page, browser: Browser, prefix: string) {
  const name = uniqueName(prefix);
  await signUp(page, name);
  const otherBrowser = await newPerson(browser);
  await signIn(otherBrowser, name, SIGNUP_PASSWORD);
  await page.goto("/settings");
  return { name, otherBrowser };
}

/** The admin user list's row for one person. */
function userRow(page: Page, username: string) {
  return page.getByRole("row").filter({ hasText: `@${username}` });
}

test("an admin promotes a new member to staff, who then sees the staff tools", async ({ page, browser }) => {
  const name = uniqueName("promoted");
  const person = await newPerson(browser);
  await signUp(person, name);
  const threadPath = await startThread(person, {
    product: "Ledger",
    kind: "Discussion",
    title: `Soon staff ${name}`,
    body: "I will moderate this.",
  });
  await expect(person.getByRole("link", { name: "Staff tools" })).toHaveCount(0);

  await signIn(page, "admin@example.com");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Username, email or name").fill(name);
  await page.getByRole("search", { name: "Search users" }).getByRole("button", { name: "Search" }).click();
  await expect(userRow(page, name)).toContainText("Member");
  await userRow(page, name).getByRole("button", { name: "Make staff" }).click();
  await expect(page.getByRole("status")).toHaveText(`@${name} is now staff.`);
  await expect(userRow(page, name)).toContainText("Staff");

  await page.goto("/admin/users?q=admin%40example.com");
  await expect(userRow(page, "admin")).toContainText("You");
  // No role change for oneself (placing oneself in a customer account is another form).
  await expect(userRow(page, "admin").getByRole("button", { name: /^Make / })).toHaveCount(0);

  await person.goto(threadPath);
  await expect(person.getByRole("link", { name: "Staff tools" })).toBeVisible();
  await person.getByRole("link", { name: "Staff tools" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Staff tools for this thread" })).toBeVisible();
});

test("without JavaScript, an admin adds a product, moves it up and archives it out of the lists", async ({ browser }) => {
  const page = await newPerson(browser, false);
  await signIn(page, "admin@example.com");
  const slug = uniqueName("lantern").replace(/[^a-z0-9-]/g, "");
  const name = `Lantern ${slug.slice(-6)}`;
  await page.goto("/admin/products");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Description").fill("Lighting for warehouses.");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.goto("/admin/products");
  const names = () => page.locator("tbody tr td:first-child a").allTextContents();
  const before = await names();
  expect(before.at(-1)).toBe(name);
  await page.getByRole("button", { name: `Move up ${name}` }).click();
  await expect.poll(names).toEqual([...before.slice(0, -2), name, before.at(-2)]);

  await page.goto("/");
  const homeProducts = page.getByRole("region", { name: "Products" });
  await expect(homeProducts.getByRole("link", { name })).toBeVisible();

  await page.goto("/admin/products");
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Archived");

  await page.goto("/");
  await expect(homeProducts.getByRole("link", { name: "Ledger" })).toBeVisible();
  await expect(homeProducts.getByRole("link", { name })).toHaveCount(0);
  await page.goto("/threads/new");
  await expect(page.getByLabel("Product").locator("option", { hasText: "Ledger" })).toHaveCount(1);
  await expect(page.getByLabel("Product").locator("option", { hasText: name })).toHaveCount(0);
  await page.goto(`/products/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("This product is archived.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Start a discussion" })).toHaveCount(0);

  await page.goto("/admin/products");
  await page.getByRole("button", { name: `Unarchive ${name}` }).click();
  await page.goto("/");
  await expect(homeProducts.getByRole("link", { name })).toBeVisible();
});

test("an admin renames the site and the header and home page show it", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/settings");
  const original = await page.getByLabel("Site name").inputValue();
  const description = await page.getByLabel("Description").inputValue();
  try {
    await page.getByLabel("Site name").fill("X");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The name needs at least 2 characters.")).toBeVisible();
    await expect(page.getByLabel("Site name")).toHaveValue("X");

    await page.getByLabel("Site name").fill("Acme Commons");
    await page.getByLabel("Description").fill("Where Acme customers and the team build together.");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toContainText("Saved");
    await expect(page.getByRole("banner").getByRole("link", { name: "Acme Commons" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveTitle("Acme Commons — community home");
    await expect(page.getByRole("region", { name: "Build the product with the people who use it" })).toContainText(
      "Where Acme customers and the team build together.",
    );
    // Every page's title and link preview carry the new name, staff pages too.
    await page.goto("/products/ledger");
    await expect(page).toHaveTitle("Ledger — Acme Commons");
    await expect(page.locator('meta[property="og:site_name"]')).toHaveAttribute("content", "Acme Commons");
    await page.goto("/search?q=");
    await expect(page).toHaveTitle("Search — Acme Commons");
    await page.goto("/admin/audit");
    await expect(page).toHaveTitle("Audit log — Acme Commons");
    const feed = await page.request.get("/feed.xml");
    expect(await feed.text()).toContain("<title>Acme Commons — latest threads</title>");
  } finally {
    // Put the name back for the specs that follow, without hiding why the steps above failed, if they did.
    const restored = await page.request.post("/admin/settings", {
      form: { intent: "site", siteName: original, siteDescription: description },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect.soft(restored.status(), "the site name is restored").toBe(302);
  }
});

test("a member changes their display name and bio and their profile shows them", async ({ page }) => {
  const name = uniqueName("profiled");
  await signUp(page, name);
  await openAccountMenu(page);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Display name").fill("Robin Profiled");
  await page.getByLabel("Bio").fill("Runs the night shift at a bakery.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await expect(page.getByLabel("Display name")).toHaveValue("Robin Profiled");

  await page.goto(`/users/${name}`);
  await expect(page.getByRole("heading", { level: 1, name: "Robin Profiled" })).toBeVisible();
  await expect(page.getByText("Runs the night shift at a bakery.")).toBeVisible();
  await expect(page.getByRole("banner").getByText("Robin Profiled", { exact: true }).filter({ visible: true })).toBeVisible();
  await openAccountMenu(page);
  await expect(page.getByText("Signed in as Robin Profiled")).toBeVisible();
});

test("a member changes their password: other browsers are signed out, the new password works", async ({ page, browser }) => {
  const { name, otherBrowser } = await memberInTwoBrowsers(page, browser, "rotating");
  await page.getByLabel("Current password").fill("not-the-password");
  await page.getByLabel("New password").fill("an-even-longer-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await expect(page.getByLabel("New password")).toHaveValue("");

  await page.getByLabel("Current password").fill(SIGNUP_PASSWORD);
  await page.getByLabel("New password").fill("an-even-longer-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  await page.reload();
  await openAccountMenu(page);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  await otherBrowser.goto("/settings");
  await expect(otherBrowser).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
  await expect(otherBrowser.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await otherBrowser.getByLabel("Email or username").fill(name);
  await otherBrowser.getByLabel("Password").fill(SIGNUP_PASSWORD);
  await otherBrowser.getByRole("button", { name: "Sign in" }).click();
  await expect(otherBrowser.getByText("don't match")).toBeVisible();
  await signIn(otherBrowser, name, "an-even-longer-password");
});

test("signing out everywhere ends this browser's session and every other", async ({ page, browser }) => {
  const { otherBrowser } = await memberInTwoBrowsers(page, browser, "leaving");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("You are signed out on every device, and your API tokens no longer work.");
  await page.goto("/notifications");
  await expect(page).toHaveURL(/\/login/);

  await otherBrowser.goto("/");
  await expect(otherBrowser.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(otherBrowser.getByRole("link", { name: "New thread" })).toHaveCount(0);
});
