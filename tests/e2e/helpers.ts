import { expect, type Browser, type Page } from "@playwright/test";
import { emailedLink } from "./mailbox";

export const DEMO_PASSWORD = "cocreate-demo";
/** The password `signUp` gives every new account. */
export const SIGNUP_PASSWORD = "a-long-password";

let counter = 0;
/** A username no other test run has used. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`.slice(0, 30);
}

/** Fills in the sign-up form on the page (address `<username>@example.test`), sends it and waits for "Check your email"; returns the address. */
export async function sendSignUpForm(page: Page, username: string): Promise<string> {
  const email = `${username}@example.test`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(SIGNUP_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  return email;
}

/** Signs up and opens the verification link the run's SMTP server received (tests/e2e/mailbox.ts): a verified, signed-in member. */
export async function signUp(page: Page, username: string): Promise<void> {
  await page.goto("/signup");
  const email = await sendSignUpForm(page, username);
  await page.goto(await emailedLink(email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("banner").getByText(username, { exact: true }).first()).toBeAttached();
  await expect(page).not.toHaveURL(/\/signup/);
}

/** Opens the menu under the member's name in a wide header, where settings and sign out are. */
export async function openAccountMenu(page: Page): Promise<void> {
  const button = page.getByRole("banner").locator("summary.account-button");
  if (await button.isVisible()) await button.click();
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in, the header links to a new thread (folded into the menu on a narrow screen).
  await expect(page.getByRole("banner").getByRole("link", { name: "New thread", includeHidden: true })).toHaveCount(1);
}

export type NewThread = { product: string; kind: "Question" | "Idea" | "Discussion"; title: string; body: string };

export async function startThread(page: Page, thread: NewThread): Promise<string> {
  await page.goto("/threads/new");
  await page.getByLabel("Product").selectOption({ label: thread.product });
  await page.getByRole("radio", { name: new RegExp(`^${thread.kind}`) }).check();
  await page.getByLabel("Title").fill(thread.title);
  await page.getByLabel("Details").fill(thread.body);
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: thread.title })).toBeVisible();
  return new URL(page.url()).pathname;
}

export async function reply(page: Page, body: string): Promise<void> {
  await page.getByRole("textbox", { name: "Reply" }).fill(body);
  await page.getByRole("button", { name: "Post reply" }).click();
  const rendered = body.replace(/[*_`]/g, "");
  await expect(page.locator("article").filter({ hasText: rendered })).toBeVisible();
}

/** A second, independent person in the same test. */
export async function newPerson(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  return context.newPage();
}
