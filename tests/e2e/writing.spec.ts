import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { newPerson, signIn, signUp, startThread, uniqueName } from "./helpers";

/** The editor as people write with it: preview, toolbar, quote, drafts (issue 20). */

async function threadWithReply(page: Page, who: string) {
  const path = await startThread(page, {
    product: "Relay",
    kind: "Discussion",
    title: `Writing tools ${who}`,
    body: "Retries happen **five** times.\n\nThen the delivery is dropped.",
  });
  return path;
}

test("with JavaScript a member formats, previews, quotes a selection and gets the draft back in another browser", async ({
  page,
  browser,
}) => {
  const who = uniqueName("writer");
  await signUp(page, who);
  const path = await threadWithReply(page, who);

  const reply = page.getByRole("textbox", { name: "Reply" });
  await reply.fill("Agree with this");
  await reply.press("End");
  await reply.press("Shift+Home");
  await reply.press("Control+b");
  await expect(reply).toHaveValue("**Agree with this**");
  await reply.press("End");
  await reply.press("Enter");
  await reply.press("Enter");
  await page.getByRole("button", { name: "Bulleted list" }).click();
  await expect(reply).toHaveValue("**Agree with this**\n\n- List item");
  await expect(reply).toBeFocused();

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("Agree with this");
  await expect(preview.locator("li")).toHaveText("List item");
  await expect(reply).toBeHidden();
  await page.getByRole("button", { name: "Write" }).click();
  await expect(reply).toBeVisible();
  await expect(page.getByText("Draft saved.")).toBeVisible();

  // Another browser, same member: the draft is there.
  const elsewhere = await newPerson(browser);
  await signIn(elsewhere, who, "a-long-password");
  await elsewhere.goto(path);
  await expect(elsewhere.getByRole("textbox", { name: "Reply" })).toHaveValue("**Agree with this**\n\n- List item");
  await expect(elsewhere.getByText(/Your draft from .* is back/)).toBeVisible();

  // Select words in the opening post and quote them.
  await page.locator("article .markdown p", { hasText: "Then the delivery" }).selectText();
  await page.getByRole("article", { name: "Opening post" }).getByRole("link", { name: "Quote" }).click();
  await expect(reply).toHaveValue(
    new RegExp(
      `- List item\\n\\n> \\*\\*@${who}\\*\\* \\[wrote\\]\\(/threads/\\d+/[a-z0-9-]+\\):\\n>\\n> Then the delivery is dropped\\.\\n\\n$`,
    ),
  );
  await page.getByRole("button", { name: "Post reply" }).click();
  const posted = page.locator("article").filter({ hasText: "Agree with this" });
  await expect(posted.locator("blockquote")).toContainText("Then the delivery is dropped.");
  await expect(posted.locator("blockquote a", { hasText: "wrote" })).toHaveAttribute("href", /^\/threads\/\d+/);

  // Posting discarded the draft.
  await elsewhere.reload();
  await expect(elsewhere.getByRole("textbox", { name: "Reply" })).toHaveValue("");
});

const screenshotPng = () =>
  sharp({ create: { width: 320, height: 180, channels: 3, background: "#3b3fd8" } })
    .composite([
      {
        input: Buffer.from('<svg width="320" height="180"><rect x="20" y="20" width="280" height="40" fill="#fff"/></svg>'),
        top: 0,
        left: 0,
      },
    ])
    .png()
    .toBuffer();

test("a member pastes a screenshot into a reply and attaches another by the button; a wrong file is refused; staff remove one", async ({
  page,
  browser,
}) => {
  const who = uniqueName("paster");
  await signUp(page, who);
  await threadWithReply(page, who);
  const reply = page.getByRole("textbox", { name: "Reply" });
  await reply.fill("Here is what I see:\n");

  const png = (await screenshotPng()).toString("base64");
  await reply.evaluate((area, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "Screen Shot.png", { type: "image/png" }));
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, png);
  await expect(reply).toHaveValue(/^Here is what I see:\n!\[Screen Shot\]\(\/uploads\/[0-9a-f]{32}\.png\)\n$/);

  const attach = page.getByLabel(/Attach images/);
  await attach.setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not really a picture") });
  await expect(page.getByRole("alert").filter({ hasText: "That file is not a PNG, JPEG, WebP or GIF image" })).toBeVisible();
  await attach.setInputFiles({ name: "drawing.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg onload="alert(1)"/>') });
  await expect(page.getByRole("alert").filter({ hasText: "SVG images can't be attached" })).toBeVisible();
  await attach.setInputFiles({
    name: "second.jpg",
    mimeType: "image/jpeg",
    buffer: await sharp(await screenshotPng())
      .jpeg()
      .toBuffer(),
  });
  await expect(reply).toHaveValue(/!\[second\]\(\/uploads\/[0-9a-f]{32}\.jpg\)\n$/);

  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("img", { name: "Screen Shot" })).toBeVisible();
  await page.getByRole("button", { name: "Write" }).click();
  await page.getByRole("button", { name: "Post reply" }).click();
  const image = page.locator("article").filter({ hasText: "Here is what I see" }).getByRole("img", { name: "Screen Shot" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  const served = await page.request.get((await image.getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["cache-control"]).toContain("immutable");

  // Staff take the image down from the reply's staff tools: it is no longer served.
  const staff = await newPerson(browser);
  await signIn(staff, "staff@example.com");
  await staff.goto(page.url());
  await staff.locator("article").filter({ hasText: "Here is what I see" }).getByRole("link", { name: "Staff tools" }).click();
  await staff.getByLabel("Reason (optional)").last().fill("Shows a customer's address");
  await staff.getByRole("button", { name: "Remove image 1" }).click();
  await staff.goto(`${new URL(staff.url()).pathname}`);
  expect((await page.request.get((await image.getAttribute("src"))!)).status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Preview shows the text above the form, Quote fills the reply, Discard drops the draft", async ({ page }) => {
    const who = uniqueName("nojs-writer");
    await signUp(page, who);
    const path = await threadWithReply(page, who);

    await page.getByRole("link", { name: "Quote" }).click();
    const reply = page.getByRole("textbox", { name: "Reply" });
    await expect(reply).toHaveValue(
      /^> \*\*@.+\*\* \[wrote\]\(\/threads\/\d+\/[a-z0-9-]+\):\n>\n> Retries happen \*\*five\*\* times\.\n>\n> Then/,
    );
    await reply.fill("_Seen it_ too <script>alert(1)</script>");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.locator("em")).toHaveText("Seen it");
    await expect(preview).toContainText("<script>alert(1)</script>");
    await expect(reply).toHaveValue("_Seen it_ too <script>alert(1)</script>");

    // A refused post keeps the text as a draft, there when the member comes back; Discard removes it.
    const tooDeep = `${"> ".repeat(30)}deep`;
    await reply.fill(tooDeep);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page.getByText(/nested at most \d+ levels deep/)).toBeVisible();
    await page.goto(path);
    await expect(reply).toHaveValue(tooDeep);
    await expect(page.getByText(/Your draft from .* is back/)).toBeVisible();
    await page.getByRole("button", { name: "Discard draft" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(reply).toHaveValue("");
    await expect(page.getByRole("button", { name: "Discard draft" })).toHaveCount(0);
  });

  test("an image is attached by sending the form, the text kept; a wrong file is refused next to the field", async ({ page }) => {
    const who = uniqueName("nojs-img");
    await signUp(page, who);
    const path = await threadWithReply(page, who);
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.fill("The error screen:");
    const attach = page.getByLabel("Attach an image");
    await attach.setInputFiles({ name: "trick.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a=1;alert(document.cookie)//") });
    await page.getByRole("button", { name: "Upload image" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toBeVisible();
    await expect(reply).toHaveValue("The error screen:");

    await attach.setInputFiles({ name: "error-screen.png", mimeType: "image/png", buffer: await screenshotPng() });
    await page.getByRole("button", { name: "Upload image" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}#body$`));
    await expect(reply).toHaveValue(/^The error screen:\n\n!\[error screen\]\(\/uploads\/[0-9a-f]{32}\.png\)$/);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page.locator("article").filter({ hasText: "The error screen" }).getByRole("img", { name: "error screen" })).toBeVisible();
  });
});
