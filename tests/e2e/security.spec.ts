import { expect, test } from "@playwright/test";
import { SIGNUP_PASSWORD, uniqueName } from "./helpers";

test("'Join the community' from a thread brings the new member back to that thread", async ({ page }) => {
  await page.goto("/products/ledger");
  await page.locator(".thread-row-title a").first().click();
  await expect(page).toHaveURL(/\/threads\/\d+/);
  const threadUrl = page.url();
  // The prompt under the replies, and the header's button, both carry the way back.
  await expect(page.getByRole("banner").getByRole("link", { name: "Join the community" })).toHaveAttribute(
    "href",
    `/signup?${new URLSearchParams({ redirectTo: new URL(threadUrl).pathname })}`,
  );
  await page.getByRole("main").getByRole("link", { name: "join the community" }).click();
  const username = uniqueName("joiner");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${username}@example.test`);
  await page.getByLabel("Password").fill(SIGNUP_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
  expect(page.url()).toBe(threadUrl);
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeVisible();
});

test("a sign-in link that tries to leave the site lands on the home page", async ({ page }) => {
  await page.goto(`/login?redirectTo=${encodeURIComponent("/\t/example.com/")}`);
  await page.getByLabel("Email or username").fill("member");
  await page.getByLabel("Password").fill("cocreate-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});
