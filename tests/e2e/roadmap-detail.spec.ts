import { expect, test } from "@playwright/test";
import { newPerson, signIn, startThread, uniqueName, signUp } from "./helpers";

/** Issue 21's roadmap detail, as staff, an admin and a visitor use it: targets, issue links, statuses in the site's words, exports. */

const NASTY = `<img src=x onerror="window.__xss=1">`;
const SHORT = "B <img src=x onerror=__x=1>";

test("staff give an idea a public target and an issue link; a visitor sees them on the idea and the roadmap, not the staff-only ones", async ({
  browser,
}) => {
  const member = await newPerson(browser);
  await signUp(member, uniqueName("planner"));
  const title = `Split invoices by cost centre ${uniqueName("t")}`;
  const path = await startThread(member, { product: "Ledger", kind: "Idea", title, body: "Split one invoice across cost centres." });
  const id = Number(/\/threads\/(\d+)/.exec(path)![1]);

  // Without JavaScript, as a form does it.
  const staff = await newPerson(browser, false);
  await signIn(staff, "staff@example.com");
  await staff.goto(`/threads/${id}/plan`);
  await staff.getByLabel("Target", { exact: true }).fill("2027-05");
  await staff.getByRole("button", { name: "Save target" }).click();
  await expect(staff.locator("#target-error")).toHaveText("Only planned or in-progress ideas take a target release.");
  await expect(staff.getByLabel("Target", { exact: true })).toHaveValue("2027-05");

  await staff.goto(path);
  await staff.getByLabel("New status").selectOption("planned");
  await staff.getByLabel("Public note").fill("Planned with the payments team.");
  await staff.getByRole("button", { name: "Update status" }).click();
  await staff.getByRole("link", { name: "Target release and issues" }).click();
  await staff.getByLabel("Target", { exact: true }).fill("2027-05");
  await staff.getByLabel("Show the target to everyone").check();
  await staff.getByRole("button", { name: "Save target" }).click();
  await expect(staff.getByText("Now: May 2027 (public).")).toBeVisible();

  // Moving a public target without a reason is refused next to the reason, and what was typed stays.
  await staff.getByLabel("Target", { exact: true }).fill("2027-Q3");
  await staff.getByRole("button", { name: "Save target" }).click();
  await expect(staff.locator("#reason-error")).toContainText("Say why the public target changes");
  await expect(staff.getByLabel("Target", { exact: true })).toHaveValue("2027-Q3");
  await staff.getByLabel("Reason for the change").fill(`Payments rework comes first ${NASTY}`);
  await staff.getByRole("button", { name: "Save target" }).click();
  await expect(staff.getByText("Now: Q3 2027 (public).")).toBeVisible();

  await staff.getByLabel("Issue address").fill("https://github.com/acme/ledger/issues/512");
  await staff.getByLabel("Show this link to everyone").check();
  await staff.getByRole("button", { name: "Link issue" }).click();
  await staff.getByLabel("Issue address").fill("https://acme.atlassian.net/browse/LED-77");
  await staff.getByRole("button", { name: "Link issue" }).click();
  await expect(staff.getByRole("link", { name: "GitHub acme/ledger#512" })).toBeVisible();
  await expect(staff.getByRole("link", { name: "Jira LED-77" })).toBeVisible();
  // A voters' spreadsheet for staff.
  const sheet = await staff.request.get(`/threads/${id}/voters.csv`);
  expect(sheet.status()).toBe(200);
  expect(await sheet.text()).toContain("username,name,account,voted");

  const visitor = await newPerson(browser);
  await visitor.goto(path);
  await expect(visitor.getByText("Target release: Q3 2027")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "GitHub acme/ledger#512" })).toBeVisible();
  await expect(visitor.getByText("LED-77")).toHaveCount(0);
  const timeline = visitor.getByRole("region", { name: "Status timeline" });
  await expect(timeline).toContainText("Target release moved from May 2027 to Q3 2027");
  await expect(timeline).toContainText(`Payments rework comes first ${NASTY}`);
  expect(await visitor.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  await visitor.goto("/roadmap");
  const card = visitor.locator(".idea-card").filter({ hasText: title });
  await expect(card).toContainText("Target: Q3 2027");
  // Staff tools are not for visitors or members.
  expect((await visitor.request.get(`/threads/${id}/plan`, { maxRedirects: 0 })).status()).toBe(302);
  expect((await member.request.get(`/threads/${id}/plan`)).status()).toBe(403);
});

test("an admin names a status and adds a sub-status; every page uses the new name, filters keep working", async ({ browser }) => {
  const admin = await newPerson(browser);
  await signIn(admin, "admin@example.com");
  const rename = async (label: string) => {
    await admin.goto("/admin/statuses");
    const row = admin.locator("#status-in_progress");
    await row.getByLabel("Name").fill(label);
    await row.getByRole("button", { name: /^Save / }).click();
    await expect(admin.locator("#status-in_progress .badge")).toHaveText(label);
  };
  try {
    // Names are at most 30 characters: a short payload.
    await rename(SHORT);
    await admin.locator("#sub-status").selectOption("in_progress");
    await admin.locator("#sub-label").fill("In beta");
    await admin.locator("#sub-colour").fill("#0b6e4f");
    await admin.getByRole("button", { name: "Add sub-status" }).click();
    await expect(admin.locator(".profile-list")).toContainText("In beta");

    // A product's list filtered by the fixed key names the status as the admin does, as text.
    const visitor = await newPerson(browser);
    await visitor.goto("/products/ledger?status=in_progress");
    const filter = visitor.getByRole("navigation", { name: "Filter ideas by status" }).getByRole("link", { name: SHORT });
    await expect(filter).toHaveAttribute("aria-current", "page");
    await expect(visitor.getByLabel("Idea status")).toHaveValue("in_progress");
    expect(await visitor.evaluate(() => (window as { __x?: number }).__x)).toBeUndefined();
    const api = await visitor.request.get("/api/v1/threads?status=in_progress");
    expect(api.status()).toBe(200);
  } finally {
    await rename("In progress");
    await admin.goto("/admin/statuses");
    const remove = admin.getByRole("button", { name: "Remove In beta" });
    if (await remove.count()) await remove.click();
  }
});
