import { expect, test, type Page } from "@playwright/test";
import { newPerson, signIn, startThread, uniqueName } from "./helpers";

// Issue 14: 81 replies made a 12,000 px page on a phone. Replies come 50 to a page, the accepted answer stays under
// the question on every page, and every link to a reply opens the page that holds it.

async function createToken(page: Page): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(uniqueName("pages"));
  await page.getByRole("button", { name: "Create token" }).click();
  return (await page.locator("code.token").textContent()) ?? "";
}

const replyArticles = (page: Page) => page.locator("section.replies").getByRole("article");

test("a thread of 81 replies pages them, keeps the answer under the question and opens the page of a linked reply", async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, "member@example.com");
  const marker = uniqueName("pages");
  const path = await startThread(page, {
    product: "Ledger",
    kind: "Question",
    title: `Which export format keeps cents ${marker}?`,
    body: "Our totals are off by a cent.",
  });
  const threadId = Number(/\/threads\/(\d+)/.exec(path)?.[1]);
  const token = await createToken(page);
  const replyIds: number[] = [];
  for (let n = 1; n <= 81; n++) {
    const word = n === 77 ? ` zanzibarite${marker.replace(/\W/g, "")}` : "";
    const created = await request.post(`/api/v1/threads/${threadId}/replies`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { body: `Reply number ${n}.${word}` },
    });
    expect(created.status()).toBe(201);
    replyIds.push((await created.json()).reply.id);
  }

  const visitor = await newPerson(browser);
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { name: /81 replies · page 1 of 2/ })).toBeVisible();
  await expect(replyArticles(visitor)).toHaveCount(50);
  await expect(replyArticles(visitor).last()).toContainText("Reply number 50.");
  await expect(visitor.locator('head link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${path}$`));
  await expect(visitor.locator('head link[rel="next"]')).toHaveAttribute("href", `${path}?page=2`);
  await expect(visitor.locator('head link[rel="prev"]')).toHaveCount(0);

  await visitor.getByRole("navigation", { name: "Pages of replies" }).getByRole("link", { name: "Next page →" }).click();
  await expect(visitor).toHaveURL(new RegExp(`${path}\\?page=2$`));
  await expect(replyArticles(visitor)).toHaveCount(31);
  await expect(replyArticles(visitor).first()).toContainText("Reply number 51.");
  await expect(visitor.getByRole("article", { name: "Question" })).toContainText("Our totals are off by a cent.");
  await expect(visitor.locator('head link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${path}\\?page=2$`));
  await expect(visitor.locator('head link[rel="prev"]')).toHaveAttribute("href", path);

  // The asker accepts reply 70 from page 2: it moves under the question, on both pages.
  await page.goto(`${path}?page=2`);
  await page
    .getByRole("article", { name: /Reply by/ })
    .filter({ hasText: "Reply number 70." })
    .getByRole("button", { name: "✓ Mark as answer" })
    .click();
  await expect(page.getByRole("region", { name: "✓ Accepted answer" })).toContainText("Reply number 70.");
  for (const pageUrl of [path, `${path}?page=2`]) {
    await visitor.goto(pageUrl);
    await expect(visitor.getByRole("region", { name: "✓ Accepted answer" })).toContainText("Reply number 70.");
  }
  await expect(replyArticles(visitor)).toHaveCount(30);

  // A link to a reply opens the page that holds it, at the reply: /posts/:id, an old #post-N link, a search result.
  const reply75 = replyIds[74]!;
  await visitor.goto(`/posts/${reply75}`);
  await expect(visitor).toHaveURL(new RegExp(`${path}\\?page=2#post-${reply75}$`));
  await expect(visitor.locator(`#post-${reply75}`)).toBeInViewport();
  await visitor.goto(`${path}#post-${reply75}`);
  await expect(visitor).toHaveURL(new RegExp(`${path}\\?page=2#post-${reply75}$`));
  await expect(visitor.locator(`#post-${reply75}`)).toBeInViewport();

  await visitor.goto(`/search?q=zanzibarite${marker.replace(/\W/g, "")}`);
  await visitor.getByRole("link", { name: new RegExp(`Which export format keeps cents ${marker}`) }).click();
  await expect(visitor).toHaveURL(new RegExp(`${path}\\?page=2#post-${replyIds[76]}$`));
  await expect(visitor.locator(`#post-${replyIds[76]}`)).toBeInViewport();

  // Out-of-range and malformed page numbers: the last page, or a clear 400.
  await visitor.goto(`${path}?page=9`);
  await expect(visitor).toHaveURL(new RegExp(`${path}\\?page=2$`));
  const bad = await visitor.goto(`${path}?page=two`);
  expect(bad?.status()).toBe(400);
  await expect(visitor.getByText("That page number is not valid")).toBeVisible();
});
