import { expect, test, type Browser } from "@playwright/test";
import { newPerson, signIn, signUp, startThread, uniqueName } from "./helpers";

/** Staff's work on ideas: changing status, merging duplicates, and what everyone sees afterwards. */

async function proposeIdea(browser: Browser, title: string, product = "Ledger") {
  const member = await newPerson(browser);
  const name = uniqueName("ideator");
  await signUp(member, name);
  const path = await startThread(member, { product, kind: "Idea", title: `${title} ${name}`, body: "Details of the idea." });
  return { member, path, title: `${title} ${name}` };
}

test("the status form is empty again after a change, and the status the idea already has is refused next to the field", async ({
  browser,
}) => {
  const { path } = await proposeIdea(browser, "Archive old invoices");
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  // A second tab of the same staff member, opened before the change.
  const stale = await staff.context().newPage();
  await stale.goto(path);

  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await staff.getByLabel("Public note").fill("Planned for May.");
  await staff.getByRole("button", { name: "Update status" }).click();
  const timeline = staff.getByRole("region", { name: "Status timeline" });
  await expect(timeline).toContainText("Planned for May.");
  await expect(staff.getByLabel("Public note")).toHaveValue("");
  await expect(staff.getByLabel("New status")).toHaveValue("in_progress");

  await stale.getByLabel("New status").selectOption({ label: "Planned" });
  await stale.getByLabel("Public note").fill("Planned for May.");
  await stale.getByRole("button", { name: "Update status" }).click();
  const field = stale.getByLabel("New status");
  await expect(stale.locator("#status-error")).toHaveText("This idea is already planned.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(stale.getByLabel("Public note")).toHaveValue("Planned for May.");
  // The page now says what is true.
  await expect(stale.getByText(/^Currently\s+Planned\.$/)).toBeVisible();

  await staff.reload();
  await expect(timeline.getByText("Planned for May.")).toHaveCount(1);
});

test("staff merge a duplicate by searching titles; a refusal shows next to the choice; the duplicate then shows only as merged", async ({
  browser,
}) => {
  const token = uniqueName("dedupe");
  const keep = await proposeIdea(browser, `Bulk archive of paid invoices ${token}`);
  const duplicate = await proposeIdea(browser, `Archive paid invoices in bulk ${token}`);
  const another = await proposeIdea(browser, `Archive many invoices ${token}`);
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");

  await staff.goto(duplicate.path);
  await staff.getByRole("link", { name: "Merge into another idea" }).click();
  await staff.getByLabel("Find the idea to keep").fill(token);
  await staff.getByRole("button", { name: "Search ideas" }).click();
  const choices = staff.getByRole("group", { name: `Ideas matching “${token}”` });
  await expect(choices.getByRole("radio")).toHaveCount(2);

  // Nothing chosen: the page says so next to the list, keeping the search.
  await staff.getByRole("button", { name: "Merge into the chosen idea" }).click();
  await expect(staff.locator("#targetId-error")).toHaveText("Choose the idea to keep from the list.");
  await expect(staff.getByLabel("Find the idea to keep")).toHaveValue(token);

  // Meanwhile, in another tab, the third idea is merged into the first.
  const otherTab = await staff.context().newPage();
  await otherTab.goto(`${another.path.replace(/\/[^/]*$/, "")}/merge?q=${encodeURIComponent(token)}`);
  await otherTab.getByRole("radio", { name: new RegExp(`Bulk archive of paid invoices`) }).check();
  await otherTab.getByLabel("Public reason").fill("Same request: archiving many invoices at once.");
  await otherTab.getByRole("button", { name: "Merge into the chosen idea" }).click();
  await expect(otherTab.getByRole("heading", { level: 1 })).toHaveText(keep.title);

  // The list in the first tab is stale: choosing the merged idea is refused next to the choice.
  await choices.getByRole("radio", { name: /Archive many invoices/ }).check();
  await staff.getByLabel("Public reason").fill("Same request.");
  await staff.getByRole("button", { name: "Merge into the chosen idea" }).click();
  await expect(staff.locator("#targetId-error")).toHaveText("That idea was itself merged; merge into the idea it went to.");
  await expect(staff.getByText("Error 409")).toHaveCount(0);

  await staff.getByRole("radio", { name: /Bulk archive of paid invoices/ }).check();
  await staff.getByLabel("Public reason").fill("Same request: archiving many invoices at once.");
  await staff.getByRole("button", { name: "Merge into the chosen idea" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(keep.title);
  // Merge keeps each requester's use case, credited, and says why on the kept idea's timeline.
  await expect(staff.getByRole("region", { name: "Use cases from merged ideas" }).locator("figure")).toHaveCount(2);
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Same request: archiving many invoices at once.");
  // The authors of all three ideas voted for their own; the votes are united on the idea kept.
  await expect(staff.getByRole("complementary", { name: "Votes" })).toContainText("3 votes");

  // Everyone sees the duplicate only as merged: not under Open, no vote panel, "merged" in the API.
  const visitor = await newPerson(browser);
  await visitor.goto("/products/ledger?status=open&kind=idea");
  await expect(visitor.getByRole("link", { name: keep.title })).toBeVisible();
  await expect(visitor.getByRole("link", { name: duplicate.title })).toHaveCount(0);
  await visitor.goto(duplicate.path);
  await expect(visitor.locator(".thread-badges")).toContainText("Merged");
  await expect(visitor.locator(".thread-badges")).not.toContainText("Open");
  await expect(visitor.getByRole("status").filter({ hasText: "This idea was merged into" })).toContainText(keep.title);
  await expect(visitor.getByRole("complementary", { name: "Votes" })).toHaveCount(0);
  const duplicateId = Number(duplicate.path.split("/")[2]);
  const keepId = Number(keep.path.split("/")[2]);
  const api = await visitor.request.get(`/api/v1/threads/${duplicateId}`);
  expect((await api.json()).thread).toMatchObject({ status: "merged", mergedIntoId: keepId });
});

test("without JavaScript staff search for the idea to keep, choose it and merge", async ({ browser }) => {
  const token = uniqueName("nojs");
  const keep = await proposeIdea(browser, `Credit notes in bulk ${token}`, "Pulse");
  const duplicate = await proposeIdea(browser, `Bulk credit notes ${token}`, "Ledger");
  const staff = await newPerson(browser, false);
  await signIn(staff, "staff@example.com");
  await staff.goto(duplicate.path);
  await staff.getByRole("link", { name: "Merge into another idea" }).click();

  await staff.getByLabel("Find the idea to keep").fill(token);
  await staff.getByRole("button", { name: "Search ideas" }).click();
  // The idea to keep is in another product.
  await expect(
    staff.getByText(`No idea that can take a merge matches “${token}”. Try other words, or look in every product.`),
  ).toBeVisible();
  await staff.getByRole("radio", { name: "Every product" }).check();
  await staff.getByRole("button", { name: "Search ideas" }).click();

  const response = staff.waitForResponse((r) => r.request().method() === "POST");
  await staff.getByRole("button", { name: "Merge into the chosen idea" }).click();
  expect((await response).status()).toBe(400);
  await expect(staff.locator("#targetId-error")).toHaveText("Choose the idea to keep from the list.");

  await staff.getByRole("radio", { name: /Credit notes in bulk/ }).check();
  await staff.getByLabel("Public reason").fill("The same bulk action, asked in another product.");
  await staff.getByRole("button", { name: "Merge into the chosen idea" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(keep.title);
  await expect(staff.getByRole("complementary", { name: "Votes" })).toContainText("2 votes");
});
