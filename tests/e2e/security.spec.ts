import { expect, test } from "@playwright/test";
import { openAccountMenu, sendSignUpForm, signUp, uniqueName } from "./helpers";
import { emailedLink } from "./mailbox";

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
  const email = await sendSignUpForm(page, username);
  // The verification email's link brings the new member back to the thread once they confirm.
  await page.goto(await emailedLink(email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("banner").getByText(username, { exact: true }).first()).toBeAttached();
  expect(page.url()).toBe(threadUrl);
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeVisible();
});

test("a sign-in link that tries to leave the site lands on the home page", async ({ page }) => {
  await page.goto(`/login?redirectTo=${encodeURIComponent("/\t/example.com/")}`);
  await page.getByLabel("Email or username").fill("member");
  await page.getByLabel("Password").fill("cocreate-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "New thread", includeHidden: true })).toHaveCount(1);
  await openAccountMenu(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("signing out everywhere also revokes the member's API tokens, when they leave the box ticked", async ({ page, request }) => {
  await signUp(page, uniqueName("tokens"));

  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("Nightly export");
  await page.getByLabel("Works for").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator("code.token").textContent()) ?? "";
  await page.goto("/settings/tokens");
  await expect(page.getByRole("listitem").filter({ hasText: "Nightly export" })).toContainText("expires in 4 weeks");
  const vote = () => request.post("/api/v1/threads/1/vote", { headers: { Authorization: `Bearer ${token}` } });
  expect((await vote()).status()).not.toBe(401);

  await page.goto("/settings");
  const signOut = page.getByRole("region", { name: "Sign out everywhere" });
  await expect(signOut.getByRole("checkbox", { name: /Also revoke my API tokens/ })).toBeChecked();
  await signOut.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("status")).toHaveText("You are signed out on every device, and your API tokens no longer work.");
  expect((await vote()).status()).toBe(401);
});
