import { expect, test } from "@playwright/test";
import { newPerson, signIn, signUp, startThread, uniqueName } from "./helpers";

test("two members vote for an idea, staff accept it as co-designed and a visitor sees the badge", async ({ page, browser }) => {
  const author = uniqueName("ideator");
  await signUp(page, author);
  const title = `Scheduled exports to S3 ${author}`;
  const path = await startThread(page, {
    product: "Pulse",
    kind: "Idea",
    title,
    body: "Let us schedule a nightly export of dashboards to our own bucket.",
  });
  // Proposing an idea votes for it.
  await expect(page.getByRole("complementary", { name: "Votes" })).toContainText("1 vote");
  await expect(page.getByRole("button", { name: /Remove my vote/ })).toBeVisible();

  for (const name of [uniqueName("voter"), uniqueName("voter")]) {
    const voter = await newPerson(browser);
    await signUp(voter, name);
    await voter.goto(path);
    await voter.getByRole("button", { name: "Vote for this idea" }).click();
    await expect(voter.getByRole("button", { name: /Remove my vote/ })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole("complementary", { name: "Votes" })).toContainText("3 votes");

  // The author can take their vote back, and vote again.
  await page.getByRole("button", { name: /Remove my vote/ }).click();
  await expect(page.getByRole("complementary", { name: "Votes" })).toContainText("2 votes");
  await page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(page.getByRole("complementary", { name: "Votes" })).toContainText("3 votes");
  await expect(page.getByRole("link", { name: /Accept as co-designed/ })).toHaveCount(0);

  // Staff review the idea first, then accept it.
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  await staff.getByLabel("New status").selectOption({ label: "Under review" });
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Under review");
  await staff.getByRole("link", { name: /Accept as co-designed/ }).click();
  await staff.getByRole("button", { name: /Accept as co-designed/ }).click();
  await expect(staff.getByRole("region", { name: "★ Co-designed with" })).toContainText(author);

  const visitor = await newPerson(browser);
  await visitor.goto("/products/pulse");
  const row = visitor.getByRole("listitem").filter({ hasText: title });
  await expect(row.getByText("Co-designed")).toBeVisible();
  await expect(row).toContainText("3 votes");
  await visitor.goto("/");
  await expect(visitor.getByRole("listitem").filter({ hasText: title }).getByText("Co-designed")).toBeVisible();
  await visitor.goto(path);
  await expect(visitor.locator(".thread-badges").getByText("Co-designed")).toBeVisible();
  await expect(visitor.getByRole("region", { name: "★ Co-designed with" })).toContainText("Proposed the idea");
  await expect(visitor.getByRole("link", { name: "Sign in to vote" })).toBeVisible();
});
