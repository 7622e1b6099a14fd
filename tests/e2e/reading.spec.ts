import { expect, test } from "@playwright/test";
import { newPerson, reply, signUp, startThread, uniqueName } from "./helpers";

// Issue 20, reading: likes, unread markers, following a product, a reply's own link.

test("a member likes a post, sees which threads have new replies, jumps to the first, and shares a reply's link", async ({
  page,
  browser,
}) => {
  const authorName = uniqueName("author");
  await signUp(page, authorName);
  const title = `Month-end close checklist ${authorName}`;
  const path = await startThread(page, { product: "Relay", kind: "Discussion", title, body: "What is on yours?" });

  const reader = await newPerson(browser);
  const readerName = uniqueName("reader");
  await signUp(reader, readerName);
  await reader.goto(path);
  // The author can't like their own post; the reader can, and the count changes at once.
  await expect(page.getByRole("button", { name: "♡ Like" })).toHaveCount(0);
  const opening = reader.getByRole("article", { name: "Opening post" });
  await opening.getByRole("button", { name: "♡ Like" }).click();
  await expect(opening.getByRole("button", { name: "♥ Liked" })).toHaveAttribute("aria-pressed", "true");
  await expect(opening.getByText("1 like")).toBeVisible();
  await reader.reload();
  await expect(opening.getByText("1 like")).toBeVisible();

  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `${readerName} liked your post in “${title}”` })).toBeVisible();

  // The author reads the thread; the reader replies twice; the author's lists say 2 new and lead to the first.
  await page.goto(path);
  await reply(reader, "Reconcile the bank feeds first.");
  await reply(reader, "Then lock the period.");
  const firstNew = await reader.getByRole("article").filter({ hasText: "Reconcile the bank feeds first." }).getAttribute("id");
  for (const list of ["/", "/products/relay"]) {
    await page.goto(list);
    await expect(
      page
        .getByRole("listitem")
        .filter({ hasText: title })
        .getByRole("link", { name: /2 new replies since your last visit/ }),
    ).toBeVisible();
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "/tmp/i20b-unread-1280.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/i20b-unread-390.png" });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("link", { name: /2 new replies since your last visit/ }).click();
  await expect(page).toHaveURL(new RegExp(`${path}#${firstNew}$`));
  await page.goto("/products/relay");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: title })
      .getByRole("link", { name: /new repl/ }),
  ).toHaveCount(0);

  // "Mark all read" on the product clears what is left.
  await reply(reader, "And celebrate.");
  await page.goto("/products/relay");
  await expect(page.getByRole("link", { name: /1 new reply since your last visit/ })).toBeVisible();
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("status")).toContainText("as read");
  await expect(page.getByRole("link", { name: /new repl/ })).toHaveCount(0);

  // Every reply links to itself, and the link opens its page at the reply.
  await page.goto(path);
  const lastReply = page.getByRole("article").filter({ hasText: "And celebrate." });
  const link = lastReply.getByRole("link", { name: /Link to this post/ });
  await expect(link).toHaveAttribute("href", /^\/posts\/\d+$/);
  await expect(lastReply.getByRole("button", { name: "Copy link" })).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${path}#post-\\d+$`));
});

test("without JavaScript: follow a product's new ideas, hear of one, and like it", async ({ browser }) => {
  const follower = await newPerson(browser, false);
  const followerName = uniqueName("follower");
  await signUp(follower, followerName);
  await follower.goto("/products/pulse");
  await follower.getByText("Follow this product").click();
  await follower.getByRole("radio", { name: "New ideas only" }).check();
  await follower.getByRole("button", { name: "Save" }).click();
  await expect(follower.getByRole("status")).toHaveText("Saved.");
  await expect(follower.getByText("Following this product · change")).toBeVisible();

  const author = await newPerson(browser, false);
  const authorName = uniqueName("idea-author");
  await signUp(author, authorName);
  const discussion = `Just a chat ${authorName}`;
  await startThread(author, { product: "Pulse", kind: "Discussion", title: discussion, body: "Hello." });
  const idea = `Cohort export ${authorName}`;
  const path = await startThread(author, { product: "Pulse", kind: "Idea", title: idea, body: "Export cohorts as CSV." });

  await follower.goto("/notifications");
  await expect(follower.getByRole("link", { name: `${authorName} started “${idea}” in Pulse` })).toBeVisible();
  await expect(follower.getByText(discussion)).toHaveCount(0);

  await follower.goto(path);
  await follower.getByRole("article", { name: "Opening post" }).getByRole("button", { name: "♡ Like" }).click();
  await expect(follower.getByRole("article", { name: "Opening post" }).getByText("1 like")).toBeVisible();
  await expect(follower.getByRole("article", { name: "Opening post" }).getByRole("button", { name: "♥ Liked" })).toBeVisible();
});
