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

test("the status form is empty again after a change, and the status the idea already has is refused next to the field", async ({ browser }) => {
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

  await staff.reload();
  await expect(timeline.getByText("Planned for May.")).toHaveCount(1);
});
