import { expect, test } from "@playwright/test";
import { newPerson, reply, signIn, signUp, startThread, uniqueName } from "./helpers";

test("staff plan and ship an idea; its voter is notified and the member who set a measure gives a verdict", async ({ page, browser }) => {
  const author = uniqueName("proposer");
  await signUp(page, author);
  const title = `Recurring invoices paused for holidays ${author}`;
  const path = await startThread(page, {
    product: "Ledger",
    kind: "Idea",
    title,
    body: "Let us pause recurring invoices for a month without deleting the schedule.",
  });

  // A customer votes, says how they'll judge success, and helps shape it.
  const voterName = uniqueName("voter");
  const voter = await newPerson(browser);
  await signUp(voter, voterName);
  await voter.goto(path);
  await voter.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(voter.getByRole("button", { name: /Remove my vote/ })).toBeVisible();
  await voter.getByLabel("How will you judge this a success?").fill("I can pause all December invoices in one step.");
  await voter.getByRole("button", { name: "Add my measure" }).click();
  const measures = voter.getByRole("region", { name: "How people will judge success" });
  await expect(measures).toContainText("I can pause all December invoices in one step.");
  await reply(voter, "Please keep the original send dates when the pause ends.");

  // Staff plan it with a public note and credit the voter as co-designer.
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await staff.getByLabel("Public note").fill("Planned for the January release.");
  await staff.getByRole("button", { name: "Update status" }).click();
  const timeline = staff.getByRole("region", { name: "Status timeline" });
  await expect(timeline).toContainText("Planned");
  await expect(timeline).toContainText("Planned for the January release.");
  await staff.getByRole("link", { name: /Accept as co-designed/ }).click();
  await staff.getByRole("checkbox", { name: new RegExp(voterName) }).check();
  await staff.getByLabel(`What ${voterName} contributed`).fill("Asked to keep the original send dates");
  await staff.getByRole("button", { name: /Accept as co-designed/ }).click();
  await expect(staff.getByRole("region", { name: "★ Co-designed with" })).toContainText("Asked to keep the original send dates");

  // The voter hears about it.
  await voter.goto("/");
  await expect(voter.getByRole("link", { name: /Notifications/ })).toContainText("unread");
  await voter.getByRole("link", { name: /Notifications/ }).click();
  await expect(voter.getByRole("link", { name: `“${title}” is now planned` })).toBeVisible();
  await expect(voter.getByRole("link", { name: new RegExp(`credited as a co-designer of “${title}”`) })).toBeVisible();
  await voter.getByRole("link", { name: `“${title}” is now planned` }).click();
  await expect(voter.getByRole("region", { name: "Status timeline" })).toContainText("Planned for the January release.");

  // Staff ship it with a release note.
  await staff.goto(path);
  await staff.getByLabel("New status").selectOption({ label: "Shipped" });
  await staff.getByLabel("Public note").fill("Shipped: pause any schedule from its settings page.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Shipped");
  // Staff notes stay with staff.
  await staff.getByLabel("Add a staff note").fill("Finance team asked for this twice in Q3.");
  await staff.getByRole("button", { name: "Save note" }).click();
  await expect(staff.getByRole("region", { name: /Staff notes/ })).toContainText("Finance team asked");

  // The member who wrote a measure is asked for a verdict and gives it.
  await voter.goto("/notifications");
  await voter.getByRole("link", { name: `“${title}” has shipped: did it meet your measure of success?` }).click();
  // The notification lands on the verdict form itself.
  await expect(voter).toHaveURL(/#verdict$/);
  await expect(voter.getByRole("form", { name: "It shipped. Did it meet your measure?" })).toBeInViewport();
  await voter.getByRole("radio", { name: "Met", exact: true }).check();
  await voter.getByLabel("Comment (optional)").fill("Paused December in ten seconds.");
  await voter.getByRole("button", { name: "Give my verdict" }).click();
  await expect(measures).toContainText("Met");
  await expect(measures).toContainText("Paused December in ten seconds.");
  await expect(voter.getByText("Finance team asked")).toHaveCount(0);

  // Visitors see the outcome on the thread, the roadmap and the changelog, never the staff note.
  const visitor = await newPerson(browser);
  await visitor.goto(path);
  await expect(visitor.getByRole("region", { name: "How people will judge success" })).toContainText("Met");
  await expect(visitor.getByText("Finance team asked")).toHaveCount(0);
  await visitor.goto("/products/ledger");
  await visitor.getByRole("navigation", { name: "Filter ideas by status" }).getByRole("link", { name: "Shipped" }).click();
  const listed = visitor.getByRole("listitem").filter({ hasText: title });
  await expect(listed.getByText("Shipped")).toBeVisible();
  await visitor.getByRole("navigation", { name: "Filter ideas by status" }).getByRole("link", { name: "Planned" }).click();
  await expect(visitor.getByRole("listitem").filter({ hasText: title })).toHaveCount(0);
  await visitor.goto("/changelog");
  const entry = visitor.getByRole("article").filter({ hasText: title });
  await expect(entry).toContainText("Shipped: pause any schedule from its settings page.");
  await expect(entry).toContainText(voterName);
  await visitor.goto("/roadmap");
  await expect(visitor.getByRole("region", { name: /Recently shipped/ })).toContainText(title);

  // Staff's dashboard counts the verdict.
  await staff.goto("/admin/success");
  const row = staff.getByRole("article").filter({ hasText: title });
  await expect(row).toContainText("I can pause all December invoices in one step.");
  await expect(row).toContainText("100%");
});
