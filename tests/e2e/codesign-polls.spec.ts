import { expect, test } from "@playwright/test";
import { newPerson, reply, signIn, signUp, startThread, uniqueName } from "./helpers";

// Issue 21, part A: a private co-design group on an idea, polls and announcements, as people click through them.

test("staff open a co-design group, a voter is invited, joins, talks in private, and takes co-designer credit", async ({
  page,
  browser,
}) => {
  const name = uniqueName("codesigner");
  await signUp(page, name);
  const title = `Approve invoices from the phone ${name}`;
  const ideaPath = await startThread(page, { product: "Ledger", kind: "Idea", title, body: "Approve on the go." });

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(ideaPath);
  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await staff.getByLabel("Public note").fill("Planned: we'll shape the details with you.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Planned");
  await staff.getByRole("link", { name: "Open a co-design group on this idea" }).click();
  await staff.getByRole("button", { name: "Open a co-design group" }).click();
  await staff.getByRole("checkbox", { name: new RegExp(name) }).check();
  await staff.getByRole("button", { name: "Send invitations" }).click();
  await expect(staff.getByRole("listitem").filter({ hasText: name })).toContainText("Invited, no answer yet");
  const discussionHref = await staff.getByRole("link", { name: "Open the group's private discussion" }).getAttribute("href");

  // The invitation arrives as a notification that leads to the idea's group panel.
  await page.goto("/notifications");
  await page.getByRole("link", { name: /invited you to the co-design group/ }).click();
  const panel = page.getByRole("region", { name: "Co-design group" });
  await panel.getByLabel("Show my name on the public idea").check();
  await panel.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(panel).toContainText("A co-design group of 1 customer is working on this. With");
  await panel.getByRole("link", { name: "Open the group's private discussion" }).click();
  await expect(page.getByText("Private: only the co-design group's members and staff")).toBeVisible();
  await reply(page, "We approve about forty invoices a week from the road.");

  // Outsiders: a visitor gets a 404 for the discussion and sees only the count on the idea.
  const visitor = await newPerson(browser);
  expect((await visitor.goto(discussionHref!))?.status()).toBe(404);
  await visitor.goto(ideaPath);
  await expect(visitor.getByRole("region", { name: "Co-design group" })).toContainText("A co-design group of 1 customer");
  await expect(visitor.getByRole("link", { name: "Open the group's private discussion" })).toHaveCount(0);

  await staff.goto(`${ideaPath.replace(/\/[^/]*$/, "")}/codesign`);
  await staff.getByLabel("What the group worked out (Markdown)").fill("Approvals by **swipe**, with a daily limit.");
  await staff.getByRole("button", { name: "Publish the summary" }).click();
  await expect(staff.getByRole("region", { name: "Co-design group" })).toContainText("Approvals by swipe");
  await page.goto(ideaPath);
  await expect(panel).toContainText("Approvals by swipe");
  await panel.getByRole("button", { name: "Accept co-designer credit" }).click();
  await expect(page.getByRole("region", { name: "★ Co-designed with" })).toContainText(name);
});

test("without JavaScript: staff pin an announcement, a member adds a poll to their thread, votes and changes their vote", async ({
  browser,
}) => {
  const staff = await newPerson(browser, false);
  await signIn(staff, "staff@example.com");
  const headline = `Maintenance on Sunday ${uniqueName("a")}`;
  await staff.goto("/announcements/new");
  await staff.getByLabel("Product", { exact: true }).selectOption({ label: "Ledger" });
  await staff.getByLabel("Title").fill(headline);
  await staff.getByLabel("Details").fill("Ledger is read-only for an hour.");
  await staff.getByRole("button", { name: "Post the announcement" }).click();
  await expect(staff.getByText("Announcement, pinned at the top of the lists.")).toBeVisible();
  await staff.goto("/products/ledger");
  await expect(staff.getByRole("region", { name: "Announcements" })).toContainText(headline);

  const member = await newPerson(browser, false);
  const name = uniqueName("poller");
  await signUp(member, name);
  const path = await startThread(member, {
    product: "Ledger",
    kind: "Discussion",
    title: `Which day suits ${name}`,
    body: "For the call.",
  });
  await member.getByRole("link", { name: "Add a poll to this thread" }).click();
  await member.getByLabel("Options, one per line").fill("Tuesday");
  await member.getByRole("button", { name: "Add the poll" }).click();
  await expect(member.getByText("Give at least 2 options, one per line.")).toBeVisible();
  await member.getByLabel("Options, one per line").fill("Tuesday\nThursday");
  await member.getByRole("button", { name: "Add the poll" }).click();
  const poll = member.getByRole("region", { name: "Poll" });
  await expect(poll.getByText("votes")).toHaveCount(0);
  await poll.getByRole("radio", { name: "Tuesday" }).check();
  await poll.getByRole("button", { name: "Vote" }).click();
  await expect(poll).toContainText("1 vote");
  await poll.getByRole("radio", { name: "Thursday" }).check();
  await poll.getByRole("button", { name: "Change my vote" }).click();
  await expect(poll.locator(".poll-option").filter({ hasText: "Thursday" })).toContainText("1 vote");
  await expect(poll.locator(".poll-option").filter({ hasText: "Tuesday" })).toContainText("0 votes");
  expect(path).toMatch(/^\/threads\/\d+/);
});
