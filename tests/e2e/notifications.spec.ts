import { expect, test } from "@playwright/test";
import { newPerson, reply, signUp, startThread, uniqueName } from "./helpers";

// Issue 14: notifications never became read. Several about one thread make one line, following it lands on the
// first new reply and reads the line, and seeing a thread some other way (an email link) reads what it shows.

test("three replies make one notification line that leads to the first of them and then reads as read", async ({ page, browser }) => {
  const authorName = uniqueName("asker");
  await signUp(page, authorName);
  const title = `Closing two entities in one week ${authorName}`;
  const path = await startThread(page, { product: "Ledger", kind: "Discussion", title, body: "How do you plan the week?" });

  const helper = await newPerson(browser);
  await signUp(helper, uniqueName("helper"));
  await helper.goto(path);
  for (const text of ["First, reconcile the banks.", "Then the intercompany invoices.", "Last, lock the period."])
    await reply(helper, text);
  const firstReplyId = await helper.getByRole("article").filter({ hasText: "First, reconcile the banks." }).getAttribute("id");

  await page.goto("/");
  const notificationsLink = page.getByRole("link", { name: /Notifications/ }).first();
  await expect(notificationsLink).toContainText("3");
  await page.goto("/notifications");
  const line = page.getByRole("listitem").filter({ hasText: title });
  await expect(line).toHaveCount(1);
  await expect(line.getByRole("link")).toHaveText(`3 new replies in “${title}”`);
  await line.getByRole("link").click();

  await expect(page).toHaveURL(new RegExp(`${path}#${firstReplyId}$`));
  await expect(page.locator(`#${firstReplyId}`)).toBeInViewport();
  await expect(page.locator(".unread-count")).toHaveCount(0);
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `3 replies in “${title}”` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as read" })).toHaveCount(0);

  // A fourth reply, read by opening the thread directly (as from the email's link): nothing is left unread.
  await reply(helper, "And celebrate.");
  await page.goto("/notifications");
  await expect(page.getByText("Unread:")).toHaveCount(1);
  await page.goto(path);
  await page.goto("/notifications");
  await expect(page.getByText("Unread:")).toHaveCount(0);
  await expect(page.locator(".unread-count")).toHaveCount(0);
});
