import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { newPerson, signIn, startThread, uniqueName } from "./helpers";

// Issue 17, part B: staff scope a customer's measure at planning and ask before shipping; after shipping the customer
// judges it "not met" and opens a follow-up; 30 days later (time moved by running the re-ask job as if 31 days had
// passed) they are asked again, and their account's ledger shows both verdicts.

/** Runs the re-ask job against the test server's database as if `days` had passed. */
function reaskAsIf(days: number) {
  execFileSync("npx", ["tsx", "scripts/reask-verdicts.ts", "--days-later", String(days)], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, DATABASE_PATH: process.env.COCREATE_E2E_TEMP_DB, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "" },
    stdio: "pipe",
  });
}

test("a customer's measure is scoped, checked, judged not met, followed up and asked again after 30 days", async ({ page, browser }) => {
  // Mia works at Brightline Logistics (demo seed) and proposes an idea with her measure of success.
  await signIn(page, "member");
  const title = `Split shipments across two invoices ${uniqueName("idea")}`;
  const path = await startThread(page, {
    product: "Ledger",
    kind: "Idea",
    title,
    body: "Invoice each part of a split shipment on its own.",
  });
  await page.getByLabel("How will you judge this a success?").fill("Each part of a split shipment is invoiced the day it leaves.");
  await page.getByRole("button", { name: "Add my measure" }).click();
  const measures = page.getByRole("region", { name: "How people will judge success" });
  await expect(measures).toContainText("Each part of a split shipment is invoiced the day it leaves.");

  // Staff plan it (a decision needs its public note) and scope her measure with a reason.
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.locator("#note-error")).toContainText("Say why the idea is planned");
  await staff.getByLabel("Public note").fill("Planned for the March release.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Planned for the March release.");
  const staffMeasures = staff.getByRole("region", { name: "How people will judge success" });
  await staffMeasures.getByLabel("Partly in scope").check();
  await staffMeasures.getByLabel("Public reason").fill("Same-day invoices come in March; partial credit notes later.");
  await staffMeasures.getByRole("button", { name: "Save scope" }).click();
  await expect(staffMeasures).toContainText("Partly in scope for this release: Same-day invoices come in March");

  // In progress, staff ask "would this meet your measure?"; Mia answers, and staff see her answer beside the measure.
  await staff.getByLabel("New status").selectOption({ label: "In progress" });
  await staff.getByRole("button", { name: "Update status" }).click();
  await staffMeasures.getByLabel("Ask each owner: would this meet your measure?").fill("https://design.example.com/split-invoices");
  await staffMeasures.getByRole("button", { name: "Ask the owners" }).click();
  await expect(staffMeasures).toContainText("No answer yet");

  await page.goto("/notifications");
  await page.getByRole("link", { name: /asks whether the design would meet your measure/ }).click();
  await page.getByRole("group", { name: "Would this design meet your measure?" }).getByLabel("Partly").check();
  await page.getByLabel("Comment (optional)").fill("Only if the second invoice keeps the order number.");
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Send my answer" }).click(),
  ]);
  await staff.reload();
  await expect(staffMeasures).toContainText("Partly — “Only if the second invoice keeps the order number.”");

  // Shipped with its release note; Mia judges it not met and opens a follow-up idea in one click.
  await staff.getByLabel("New status").selectOption({ label: "Shipped" });
  await staff.getByLabel("Public note").fill("Shipped: split shipments invoice per part.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await expect(staff.getByRole("region", { name: "Status timeline" })).toContainText("Shipped: split shipments invoice per part.");

  await page.goto(path);
  await page.getByRole("radio", { name: "Not met" }).check();
  await page.getByLabel("Comment (optional)").fill("The second invoice lost the order number.");
  await page.getByRole("button", { name: "Give my verdict" }).click();
  await page.getByRole("button", { name: "Open a follow-up idea" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Follow-up: ${title}`);
  await expect(page.locator("blockquote").filter({ hasText: "Each part of a split shipment is invoiced the day it leaves." })).toHaveCount(
    1,
  );
  const followUpPath = new URL(page.url()).pathname;
  await staff.goto(path);
  await expect(staffMeasures.getByRole("link", { name: `Follow-up: ${title}` })).toHaveAttribute("href", followUpPath);

  // 31 days later the re-ask arrives; she answers again and her account's ledger shows both verdicts.
  reaskAsIf(31);
  await page.goto("/notifications");
  await page.getByRole("link", { name: `It's been 30 days since “${title}” shipped: does it meet your measure of success now?` }).click();
  await expect(page.getByRole("group", { name: "It shipped 30 days ago. Does it meet your measure now?" })).toBeVisible();
  await page.getByRole("radio", { name: "Partly met" }).check();
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Give my verdict" }).click(),
  ]);

  await page.goto("/accounts/brightline/success");
  const row = page.getByRole("row").filter({ hasText: title }).first();
  await expect(row.getByRole("listitem")).toHaveText([/At ship:\s*Not met/, /After 30 days:\s*Partly met/]);
  await expect(row.getByRole("link", { name: `Follow-up: ${title}` })).toBeVisible();
  await expect(page.getByText("ARR")).toHaveCount(0);
});
