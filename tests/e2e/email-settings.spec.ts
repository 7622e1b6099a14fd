import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_SECRET } from "./playwright.config";
import { signIn } from "./helpers";

// The demo seed creates admin, staff, then member: the member is account #3.
const MEMBER_ID = 3;

/** The link an email to the member carries (app/email/unsubscribe-token.server.ts signs it the same way). */
function unsubscribeLink(userId: number, scope: string): string {
  const payload = `${userId}.${scope}`;
  const signature = createHmac("sha256", E2E_SECRET).update(`unsubscribe:${payload}`).digest("base64url");
  return `/unsubscribe?token=${payload}.${signature}`;
}

test("a member chooses a daily digest for status changes and keeps it", async ({ page }) => {
  await signIn(page, "member@example.com");
  await page.goto("/notifications");
  await page.getByRole("link", { name: "Choose which notifications also come by email" }).click();
  const statusChanges = page.getByRole("group", { name: "Status changes on ideas you follow" });
  await statusChanges.getByRole("radio", { name: "Daily digest" }).check();
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(statusChanges.getByRole("radio", { name: "Daily digest" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Co-designer credits" }).getByRole("radio", { name: "Right away" })).toBeChecked();
});

test("an email's unsubscribe link works without signing in, and a forged one changes nothing", async ({ page, browser }) => {
  await page.goto(unsubscribeLink(MEMBER_ID, "reply").replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  await expect(page.getByRole("heading", { name: "That request didn't look right" })).toBeVisible();
  await expect(page.getByText("This unsubscribe link is not valid.")).toBeVisible();

  await page.goto(unsubscribeLink(MEMBER_ID, "reply"));
  await expect(page.getByText("Stop emails about: replies to threads you follow?")).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();

  const member = await (await browser.newContext()).newPage();
  await signIn(member, "member@example.com");
  await member.goto("/settings/email");
  await expect(member.getByRole("group", { name: "Replies to threads you follow" }).getByRole("radio", { name: "Off" })).toBeChecked();
});
