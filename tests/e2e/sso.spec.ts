import { expect, test, type Page } from "@playwright/test";
import { signIn, signUp, uniqueName } from "./helpers";

/**
 * Sign-in with the company's account against the run's real OpenID Connect
 * provider (tests/oidc-test-provider.ts, started by global-setup.ts): its
 * sign-in page takes any email address as the login; an address whose name
 * holds "unverified" comes back with email_verified false. OIDC_ONLY and the
 * failure pages' statuses are covered in tests/unit/sso.test.ts.
 */

/** Signs in at the provider's own page (oidc-provider's development form). */
async function atProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

/** Starts a sign-in as the link would, with one parameter of the request to the provider changed by an attacker. */
async function startTampered(page: Page, param: "state" | "nonce") {
  const start = await page.request.get("/login/sso", { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const toProvider = new URL(start.headers()["location"]!);
  toProvider.searchParams.set(param, "chosen-by-an-attacker");
  await page.goto(toProvider.href);
}

test("the first sign-in creates a member, who chooses a username; the second reuses the account, without JavaScript too", async ({
  page,
  browser,
}) => {
  const email = `${uniqueName("sso")}@globex.test`;
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Acme" }).click();
  await atProvider(page, email);

  await expect(page.getByRole("heading", { name: "Welcome! Choose your username" })).toBeVisible();
  const proposed = email.split("@")[0]!;
  await expect(page.getByRole("textbox", { name: "Username" })).toHaveValue(proposed);
  const chosen = `${proposed.slice(0, 24)}-x`;
  await page.getByRole("textbox", { name: "Username" }).fill(chosen);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/$/);
  // Signed in under the provider's name for them, with the username they chose.
  const displayName = proposed.replace(/^./, (c) => c.toUpperCase());
  await expect(page.getByRole("banner").getByText(displayName, { exact: true }).first()).toBeAttached();
  expect((await page.request.get(`/users/${chosen}`)).status()).toBe(200);

  // Another browser without JavaScript: the provider asks again, and the same member comes back.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const second = await context.newPage();
  await second.goto("/login");
  await second.getByRole("link", { name: "Sign in with Acme" }).click();
  await atProvider(second, email);
  await expect(second).toHaveURL(/\/$/);
  await expect(second.getByRole("banner").getByText(displayName, { exact: true }).first()).toBeAttached();
  await context.close();

  // Staff see the link on /admin/users.
  const admin = await browser.newPage();
  await signIn(admin, "admin@example.com");
  await admin.goto(`/admin/users?q=${chosen}`);
  const row = admin.getByRole("row").filter({ hasText: `@${chosen}` });
  await expect(row.getByRole("cell", { name: /127\.0\.0\.1/ })).toContainText("last used");
  await row.getByRole("button", { name: `Remove the company sign-in of @${chosen}` }).click();
  await expect(admin.getByRole("row").filter({ hasText: `@${chosen}` })).toContainText("None");
  await admin.close();
});

test("a tampered state is refused and nobody is signed in", async ({ page }) => {
  await page.goto("/");
  await startTampered(page, "state");
  const answer = page.waitForResponse((r) => r.url().includes("/login/sso/callback"));
  await atProvider(page, `${uniqueName("tamper")}@globex.test`);
  expect((await answer).status()).toBe(400);
  await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("did not match the sign-in this browser started");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});

test("an ID token carrying another nonce than the one this browser sent is refused", async ({ page }) => {
  await page.goto("/");
  await startTampered(page, "nonce");
  const answer = page.waitForResponse((r) => r.url().includes("/login/sso/callback"));
  await atProvider(page, `${uniqueName("nonce")}@globex.test`);
  expect((await answer).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("did not match the sign-in this browser started");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});

test("an address the provider did not verify is not linked to the member who has it, who can connect it from settings", async ({
  page,
  browser,
}) => {
  const username = uniqueName("unverified");
  await signUp(page, username);
  const other = await browser.newPage();
  await other.goto("/login");
  await other.getByRole("link", { name: "Sign in with Acme" }).click();
  const answer = other.waitForResponse((r) => r.url().includes("/login/sso/callback"));
  await atProvider(other, `${username}@example.test`);
  expect((await answer).status()).toBe(409);
  await expect(other.getByRole("alert")).toContainText("has not verified that address, so we did not connect them");
  await expect(other.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await other.close();

  // What the message advises: signed in with their password, the member connects it from their settings.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Connect your Acme account" }).click();
  await atProvider(page, `${username}@example.test`);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("region", { name: "Company sign-in" })).toContainText("Connected to Acme since");
});
