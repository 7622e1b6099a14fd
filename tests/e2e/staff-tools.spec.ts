import { expect, test } from "@playwright/test";
import { newPerson, reply, signIn, signUp, startThread, uniqueName } from "./helpers";

// Issue 14: staff couldn't find their tools. A "Staff" entry in the header (with the number of flags waiting)
// leads to a page with the flag queue, the audit log and the success dashboard, and the queue shows each post as it
// appears on the site, not its Markdown.

test("staff reach the flag queue, audit log and success dashboard from the header; the queue shows posts as the site does", async ({
  page,
  browser,
}) => {
  await signUp(page, uniqueName("seller"));
  const path = await startThread(page, {
    product: "Pulse",
    kind: "Discussion",
    title: `Dashboards for retail ${uniqueName("t")}`,
    body: "Which charts?",
  });
  const stamp = Date.now();
  const spam = `Buy **cheap watches** today ${stamp}`;
  await reply(page, spam);
  const flagger = await newPerson(browser);
  await signIn(flagger, "priya@example.com");
  await flagger.goto(path);
  await flagger.getByRole("article").filter({ hasText: "cheap watches" }).getByRole("link", { name: "Flag", exact: true }).click();
  await flagger.getByRole("radio", { name: /Spam/ }).check();
  await flagger.getByRole("button", { name: /Flag/ }).click();
  await expect(flagger.getByText("Thanks for flagging.")).toBeVisible();

  // A member has no staff entry, and the staff page is not theirs.
  await expect(flagger.getByRole("banner").getByRole("link", { name: /^Staff/ })).toHaveCount(0);
  expect((await flagger.goto("/staff"))?.status()).toBe(403);

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  const entry = staff.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /^Staff/ });
  await expect(entry).toContainText(/Staff \d+ flags waiting/);
  const waiting = Number(/Staff (\d+)/.exec((await entry.textContent()) ?? "")?.[1]);
  expect(waiting).toBeGreaterThan(0);
  await entry.click();
  await expect(staff.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  const flagsCard = staff.getByRole("listitem").filter({ has: staff.getByRole("link", { name: "Flags to review" }) });
  await expect(flagsCard).toContainText(`${waiting} waiting`);

  await staff.getByRole("link", { name: "Flags to review" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Flags to review" })).toBeVisible();
  await expect(staff.locator(".flag-entry")).toHaveCount(waiting);
  const flagged = staff.getByRole("article").filter({ hasText: `today ${stamp}` });
  await expect(flagged.locator("strong", { hasText: "cheap watches" })).toBeVisible();
  await expect(flagged).not.toContainText("**");

  for (const [link, heading] of [
    ["Audit log", "Audit log"],
    ["Success dashboard", "Did it work for them?"],
  ] as const) {
    await staff.goto("/staff");
    await staff.getByRole("link", { name: link }).click();
    await expect(staff.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
});
