import { expect, test, type Page } from "@playwright/test";
import { newPerson, reply, signIn, signUp, startThread, uniqueName } from "./helpers";

async function flagReply(page: Page, text: string) {
  const post = page.getByRole("article").filter({ hasText: text });
  await post.getByRole("link", { name: "Flag", exact: true }).click();
  await page.getByRole("radio", { name: /^Spam/ }).check();
  await page.getByRole("button", { name: "Flag for staff" }).click();
  await expect(page.getByText("Thanks for flagging")).toBeVisible();
}

test("three members flag a spam reply: it disappears for visitors, staff restore it, the audit log lists each step", async ({
  page,
  browser,
}) => {
  const author = uniqueName("host");
  await signUp(page, author);
  const title = `Which export format do you use? ${author}`;
  const path = await startThread(page, { product: "Pulse", kind: "Discussion", title, body: "CSV or XLSX?" });
  const spammer = await newPerson(browser);
  await signUp(spammer, uniqueName("spammer"));
  await spammer.goto(path);
  const spam = `Cheap watches at our shop ${Date.now()}`;
  await reply(spammer, spam);

  for (const login of ["member@example.com", "priya@example.com", "jonas@example.com"]) {
    const flagger = await newPerson(browser);
    await signIn(flagger, login);
    await flagger.goto(path);
    await flagReply(flagger, spam);
  }

  const visitor = await newPerson(browser);
  await visitor.goto(path);
  await expect(visitor.getByText(spam)).toHaveCount(0);
  await expect(visitor.getByText("This post is hidden while staff review it.")).toBeVisible();

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto("/admin/flags");
  const entry = staff.getByRole("article").filter({ hasText: spam });
  await expect(entry).toContainText("Hidden now.");
  await expect(entry).toContainText("priya");
  await entry.getByRole("button", { name: "Disagree: show it" }).click();
  await expect(staff.getByRole("article").filter({ hasText: spam })).toHaveCount(0);

  await visitor.reload();
  await expect(visitor.getByText(spam)).toBeVisible();

  await staff.goto("/admin/audit");
  const log = staff.getByRole("table");
  await expect(log).toContainText("post.auto_hide");
  await expect(log).toContainText("flagged by the community as spam");
  await expect(log).toContainText("flag.disagree");
});

test("staff lock a thread: the reply form is gone and the lock is in the audit log", async ({ page, browser }) => {
  await signIn(page, "member@example.com");
  const title = `Locking test ${uniqueName("t")}`;
  const path = await startThread(page, { product: "Relay", kind: "Question", title, body: "Is there a sandbox?" });
  await expect(page.getByRole("textbox", { name: "Reply" })).toBeVisible();

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(path);
  await staff.getByRole("article").first().getByRole("link", { name: "Staff tools" }).click();
  const lockForm = staff.locator("form").filter({ has: staff.getByRole("button", { name: "Lock: no new replies" }) });
  await lockForm.getByLabel("Reason (optional)").fill("Answered in the docs");
  await staff.getByRole("button", { name: "Lock: no new replies" }).click();
  await expect(staff.getByText("🔒 Locked")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
  await expect(page.getByText("This thread is locked: it takes no new replies.")).toBeVisible();

  await staff.goto("/admin/audit?action=thread.lock");
  await expect(staff.getByRole("table")).toContainText("Answered in the docs");
});

test("a new member who posts too many links is told why and keeps the text", async ({ page }) => {
  await signUp(page, uniqueName("newbie"));
  await page.goto("/products/relay");
  await page.getByRole("link").filter({ hasText: "Retry failed webhook deliveries" }).first().click();
  const text = "Try https://one.example, https://two.example and https://three.example";
  await page.getByRole("textbox", { name: "Reply" }).fill(text);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("New members can include at most 2 links or images in a post; this one has 3.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Reply" })).toHaveValue(text);
});

test("a mention links the profile and shows up in the mentioned member's notifications", async ({ page, browser }) => {
  const mentioned = uniqueName("named");
  await signUp(page, mentioned);
  const writer = await newPerson(browser);
  await signIn(writer, "jonas@example.com");
  await writer.goto("/products/ledger");
  await writer.getByRole("link").filter({ hasText: "Lock periods per entity" }).first().click();
  await reply(writer, `@${mentioned} you asked about this last week`);
  await expect(writer.getByRole("link", { name: `@${mentioned}` })).toHaveAttribute("href", `/users/${mentioned}`);

  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: /Jonas Becker mentioned you in “Lock periods per entity/ })).toBeVisible();
});

test("staff suspend a member, who is signed out and told why; staff edit a reply and its history shows both versions", async ({
  page,
  browser,
}) => {
  const name = uniqueName("rowdy");
  await signUp(page, name);
  await page.goto("/products/pulse");
  await page.getByRole("link").filter({ hasText: "Compare two cohorts" }).first().click();
  await reply(page, "THIS PRODUCT IS TERRIBLE");

  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(page.url());
  const post = staff.getByRole("article").filter({ hasText: "THIS PRODUCT IS TERRIBLE" });
  await post.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(staff.getByRole("heading", { level: 1, name: /Edit/ })).toBeVisible();
  await staff.getByRole("textbox", { name: "Reply" }).fill("This product disappoints me.");
  await staff.getByRole("button", { name: /Save/ }).click();
  const edited = staff.getByRole("article").filter({ hasText: "This product disappoints me." });
  await edited.getByRole("link", { name: "edited" }).click();
  await expect(staff.getByText("Replaced")).toContainText("by @staff (not the author)");
  await expect(staff.getByText("THIS PRODUCT IS TERRIBLE")).toBeVisible();

  await staff.goto(`/users/${name}`);
  await staff.getByRole("link", { name: "Suspend this member" }).click();
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await staff.getByLabel(/Suspended until/).fill(future);
  await staff.getByLabel(/Reason/).fill("Shouting at other members");
  await staff.getByRole("button", { name: "Suspend" }).click();
  await expect(staff.getByText(/suspended/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("Email or username").fill(name);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Your account is suspended until .*Reason: Shouting at other members/)).toBeVisible();

  await staff.goto(`/users/${name}/suspend`);
  await staff.getByRole("button", { name: "Lift the suspension" }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "New thread" })).toBeVisible();
});
