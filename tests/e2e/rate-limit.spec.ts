import { expect, test } from "@playwright/test";

test("after five wrong passwords the sign-in form says when to try again and keeps what was typed", async ({ page }) => {
  const login = "nobody-locked-out@example.test";
  await page.goto("/login");
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email or username").fill(login);
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    statuses.push((await response).status());
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  expect(statuses).toEqual([400, 400, 400, 400, 429]);
  await expect(page.getByRole("alert")).toHaveText(
    "That email or username and password don't match. After several failed tries this account is locked for a while: please try again in 1 minute.",
  );
  await expect(page.getByLabel("Email or username")).toHaveValue(login);
});
