import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueName } from "./helpers";

test("a too-short title is explained next to the field and the typed text is kept", async ({ page }) => {
  await signUp(page, uniqueName("typo"));
  await page.goto("/threads/new?product=ledger");
  await page.getByRole("radio", { name: /^Discussion/ }).check();
  await page.getByLabel("Title").fill("Hi");
  await page.getByLabel("Details").fill("A body I spent a long time writing.");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Post thread" }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByText("The title needs at least 3 characters.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Hi");
  await expect(page.getByLabel("Details")).toHaveValue("A body I spent a long time writing.");
});

test("signing up with a taken username says so and keeps the email", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Username").fill("member");
  await page.getByLabel("Email").fill("someone-new@example.test");
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("That username is taken. Try another.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("someone-new@example.test");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email or username").fill("member@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email or username and password don't match.")).toBeVisible();
  await expect(page.getByLabel("Email or username")).toHaveValue("member@example.com");
});

test("unknown and malformed ids get 404 and 400 pages", async ({ page }) => {
  const missing = await page.goto("/threads/999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const malformed = await page.goto("/threads/abc");
  expect(malformed?.status()).toBe(400);
  const product = await page.goto("/products/no-such-product");
  expect(product?.status()).toBe(404);
});

test("a member cannot open the admin pages", async ({ page }) => {
  await signIn(page, "member@example.com");
  const response = await page.goto("/admin/products");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Only admins can open this page.")).toBeVisible();
});
