import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a member creates a token, a script replies with it, and a revoked token stops working", async ({ page, request }) => {
  await signIn(page, "member@example.com");
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("Release bot");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator("code.token").textContent()) ?? "";
  expect(token).toMatch(/^cc_/);

  const threads = await (await request.get("/api/v1/threads?kind=question&limit=1")).json();
  const thread = threads.threads[0];
  const text = `Posted by the release bot ${Date.now()}`;
  const created = await request.post(`/api/v1/threads/${thread.id}/replies`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { body: text },
  });
  expect(created.status()).toBe(201);
  await page.goto(thread.url.replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("article").filter({ hasText: text })).toContainText("Mia Member");

  await page.goto("/settings/tokens");
  await page.getByRole("listitem").filter({ hasText: "Release bot" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  const refused = await request.post(`/api/v1/threads/${thread.id}/replies`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { body: "Should not post" },
  });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toContain("personal API token");
});

test("an admin adds a webhook, keeps their input when it is wrong, and sees its secret and log", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/webhooks");
  await page.getByLabel("Payload URL").fill("not a url");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("Give a full http:// or https:// URL.")).toBeVisible();
  await expect(page.getByLabel("Payload URL")).toHaveValue("not a url");

  await page.getByLabel("Payload URL").fill("http://127.1:8080/internal");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("That address is on a private or local network (127.0.0.1)")).toBeVisible();
  await expect(page.getByLabel("Payload URL")).toHaveValue("http://127.1:8080/internal");

  await page.getByLabel("Payload URL").fill("https://hooks.example.com/cocreate");
  await page.getByRole("checkbox", { name: /A thread is created/ }).uncheck();
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByRole("heading", { name: "Deliveries to https://hooks.example.com/cocreate" })).toBeVisible();
  await expect(page.locator("code.token")).toContainText("whsec_");
  await expect(
    page.getByText("Events: idea.created, answer.marked, idea.status_changed, idea.co_designed · Sends signed Cocreate JSON"),
  ).toBeVisible();

  // A Slack incoming webhook: the same form, another format.
  await page.goto("/admin/webhooks");
  await page.getByLabel("Payload URL").fill("https://hooks.slack.example.com/services/T0/B0/X");
  await page.getByRole("radio", { name: /Slack-compatible message/ }).check();
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText(/Sends Slack-compatible messages/)).toBeVisible();
});
