import { expect, test } from "@playwright/test";
import { newPerson, signIn, signUp, startThread, uniqueName } from "./helpers";

// Every form must work as a plain HTML form: POST, redirect, GET.
test.use({ javaScriptEnabled: false });

test("without JavaScript a member signs in, replies, marks the answer and votes", async ({ page, browser }) => {
  const asker = uniqueName("nojs");
  await signUp(page, asker);
  const questionPath = await startThread(page, {
    product: "Relay",
    kind: "Question",
    title: `Webhook retries without JS ${asker}`,
    body: "How often are failed webhooks retried?",
  });

  const other = await newPerson(browser, false);
  await signIn(other, "member@example.com");
  await other.goto(questionPath);
  await other.getByRole("textbox", { name: "Reply" }).fill("Five times, with exponential backoff.");
  await other.getByRole("button", { name: "Post reply" }).click();
  await expect(other.locator("article").filter({ hasText: "Five times" })).toBeVisible();

  await page.goto(questionPath);
  await page.getByRole("button", { name: "Mark as answer" }).click();
  await expect(page.getByRole("region", { name: "✓ Accepted answer" })).toContainText("Five times");

  const ideaPath = await startThread(page, {
    product: "Relay",
    kind: "Idea",
    title: `Replay a webhook by hand ${asker}`,
    body: "A button to resend one delivery.",
  });
  await other.goto(ideaPath);
  await other.getByRole("button", { name: "Vote for this idea" }).click();
  // The author's vote counted when they proposed it.
  await expect(other.getByRole("complementary", { name: "Votes" })).toContainText("2 votes");
  await other.getByRole("button", { name: /Remove my vote/ }).click();
  await expect(other.getByRole("complementary", { name: "Votes" })).toContainText("1 vote");
});

test("a visitor who wants to reply is sent to sign in and brought back to the thread", async ({ page }) => {
  await page.goto("/products/ledger");
  await page.locator(".thread-row-title a").first().click();
  const threadUrl = page.url();
  await page.getByRole("link", { name: "Sign in" }).last().click();
  await page.getByLabel("Email or username").fill("member");
  await page.getByLabel("Password").fill("cocreate-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect(page.url()).toBe(threadUrl);
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeVisible();
});
