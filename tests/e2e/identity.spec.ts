import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO_PASSWORD, newPerson, sendSignUpForm, SIGNUP_PASSWORD, signIn, signUp, startThread, uniqueName } from "./helpers";
import { emailedLink, waitForMail } from "./mailbox";

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? "JavaScript on" : "JavaScript off";

  test(`a newcomer verifies their address from the email before posting (${js})`, async ({ browser }) => {
    const page = await newPerson(browser, javaScriptEnabled);
    const username = uniqueName("verify");
    await page.goto("/signup");
    const email = await sendSignUpForm(page, username);

    // Signed in before verifying: reading is fine, posting is not, and the banner says why.
    await signIn(page, username, SIGNUP_PASSWORD);
    const banner = page.getByRole("complementary", { name: "Email address not verified" });
    await expect(banner).toContainText(/until then you can read, but not post or vote/i);
    const since = Date.now();
    await banner.getByRole("button", { name: "Send the link again" }).click();
    await expect(page.getByText(`We sent a new link to ${email}.`)).toBeVisible();

    await page.goto(await emailedLink(email, "/verify-email", since));
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByRole("complementary", { name: "Email address not verified" })).toHaveCount(0);
    await page.goto("/threads/new");
    await expect(page.getByLabel("Title")).toBeVisible();

    // The same link again: a clear page, nothing changes.
    await page.goto(await emailedLink(email, "/verify-email", since));
    await expect(page.getByRole("alert")).toContainText("already been used");
    await page.context().close();
  });

  test(`a member who forgot their password resets it from the email (${js})`, async ({ browser }) => {
    const page = await newPerson(browser, javaScriptEnabled);
    const username = uniqueName("forgot");
    // An account made through sign-up, then signed out.
    await page.goto("/signup");
    const email = await sendSignUpForm(page, username);

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // With JavaScript the page changes in place: until it has, "Email" would also find the sign-in form's "Email or username".
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email", { exact: true }).fill("not-an-address");
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("not-an-address");
    const since = Date.now();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses that address");

    const link = await emailedLink(email, "/reset-password", since);
    await page.goto(link.slice(0, -5));
    await expect(page.getByRole("alert")).toContainText("incomplete");
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("my brand new password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByRole("banner").getByText(username, { exact: true }).first()).toBeAttached();

    await page.goto(link);
    await expect(page.getByRole("alert")).toContainText("already been used");
    await page.context().close();
  });
}

test("sign-up with an address that has an account answers the same, and its owner is told", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Username").fill(uniqueName("impostor"));
  await page.getByLabel("Email").fill("priya@example.com");
  await page.getByLabel("Password").fill(SIGNUP_PASSWORD);
  const since = Date.now();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail("priya@example.com", "/forgot-password", since);
  expect(mail.subject).toContain("Someone tried to sign up with your email address");
  // The owner still signs in as before.
  await signIn(page, "priya", DEMO_PASSWORD);
});

test("a member sees where they are signed in and signs another browser out", async ({ browser, request }) => {
  const visitor = await request.get("/settings/sessions", { maxRedirects: 0 });
  expect(visitor.status()).toBe(302);
  expect(visitor.headers().location).toContain("/login?redirectTo=%2Fsettings%2Fsessions");

  const laptop = await newPerson(browser);
  const phone = await newPerson(browser);
  // A member of their own: the demo people are signed in by other specs of the run too.
  const name = uniqueName("two-browsers");
  await signUp(laptop, name);
  await signIn(phone, name, SIGNUP_PASSWORD);
  await laptop.goto("/settings/sessions");
  const browsers = laptop.getByRole("listitem").filter({ hasText: "signed in" });
  await expect(browsers).toHaveCount(2);
  await expect(browsers.first()).toContainText("this browser");
  await expect(browsers.first()).toContainText("Chrome on Linux");
  await browsers
    .nth(1)
    .getByRole("button", { name: /^Sign out/ })
    .click();
  await expect(laptop.getByRole("status")).toContainText("That browser is signed out.");
  await expect(browsers).toHaveCount(1);

  await phone.goto("/settings/sessions");
  await expect(phone).toHaveURL(/\/login\?redirectTo=/);
  await laptop.context().close();
  await phone.context().close();
});

test("a member downloads their data, then deletes their account; their thread stays, by a former member", async ({ page }) => {
  const username = uniqueName("leaver");
  await signUp(page, username);
  const path = await startThread(page, { product: "Ledger", kind: "Discussion", title: `Parting words ${username}`, body: "Thanks all." });

  await page.goto("/settings/privacy");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  const file = await download.path();
  const data = JSON.parse(readFileSync(file!, "utf8"));
  expect(data.profile.username).toBe(username);
  expect(data.threads[0].title).toBe(`Parting words ${username}`);

  await page.getByLabel("Your password").fill(SIGNUP_PASSWORD);
  await page.getByLabel(/Type your username/).fill("not me");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText(`Type your username, ${username}, to confirm.`)).toBeVisible();
  await expect(page.getByLabel(/Type your username/)).toHaveValue("not me");
  await page.getByLabel("Your password").fill(SIGNUP_PASSWORD);
  await page.getByLabel(/Type your username/).fill(username);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  await page.goto(path);
  await expect(page.getByRole("article").first()).toContainText("a former member");
  await expect(page.locator(`a[href="/users/${username}"]`)).toHaveCount(0);
});
