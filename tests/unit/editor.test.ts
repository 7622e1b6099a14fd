import { describe, expect, it } from "vitest";
import { handleIntents, form, preview } from "~/http/form-action.server";
import { previewMarkdown } from "~/models/preview.server";
import { createReply } from "~/models/post.server";
import { getDb } from "~db/client.server";
import { formatEdit, type Format } from "~/utils/markdown-edit";
import type { FormFeedback } from "~/utils/form-feedback";
import { replySchema } from "~/utils/validation.server";
import { createTestThread, createTestUser } from "./factories";

const post = (fields: Record<string, string>) => new Request("http://localhost/x", { method: "POST", body: new URLSearchParams(fields) });
const feedbackOf = (answer: unknown) => (answer as { data: FormFeedback }).data;

/** The text after a toolbar button, with the selection marked [like this]. */
function after(format: Format, marked: string): string {
  const start = marked.indexOf("[");
  const end = marked.indexOf("]") - 1;
  const text = marked.replace("[", "").replace("]", "");
  const edit = formatEdit(format, text, start, end);
  const result = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
  return `${result.slice(0, edit.selectStart)}[${result.slice(edit.selectStart, edit.selectEnd)}]${result.slice(edit.selectEnd)}`;
}

describe("the toolbar inserts plain Markdown", () => {
  it.each<[Format, string, string]>([
    ["bold", "make [this] stand out", "make **[this]** stand out"],
    ["bold", "nothing chosen[]", "nothing chosen**[bold text]**"],
    ["italic", "an [aside]", "an _[aside]_"],
    ["code", "run [npm test] now", "run `[npm test]` now"],
    ["code", "[a\nb]", "\n```\n[a\nb]\n```\n"],
    ["link", "see [the docs]", "see [the docs]([https://])"],
    ["link", "[]", "[[link text]](https://)"],
    ["quote", "He said:\n\n[yes\nno]", "He said:\n\n[> yes\n> no]"],
    ["bullets", "Steps:\n[one\ntwo]", "Steps:\n\n[- one\n- two]"],
    ["numbers", "[first\nsecond]", "[1. first\n2. second]"],
    ["quote", "a line wid[e]ned", "[> a line widened]"],
  ])("%s turns %j into %j", (format, before, expected) => {
    expect(after(format, before)).toBe(expected);
  });
});

describe("the preview", () => {
  it("is the same HTML the post stores, mentions of members linked and scripts gone", async () => {
    await createTestUser({ username: "priya" });
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    const text = "**Hi** @priya and @nobody <script>alert(1)</script> [x](javascript:alert(1))";
    const preview = await previewMarkdown("body", text);
    const postId = await createReply(author, threadId, text);
    const stored = await getDb().selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(preview).toEqual({ field: "body", html: stored.body_html, error: null });
    expect(preview.html).toContain('<a href="/users/priya"');
    expect(preview.html).not.toContain("<script");
    expect(preview.html).not.toContain("javascript:");
  });

  it.each([
    ["", "Nothing to preview yet: write something first."],
    ["x".repeat(20_001), "This is too long: keep it under 20,000 characters."],
    [">".repeat(5000) + " deep", /nested at most \d+ levels deep/],
  ])("of bad text says what is wrong", async (text, message) => {
    const preview = await previewMarkdown("body", text);
    expect(preview.html).toBeNull();
    expect(preview.error).toMatch(message);
  });

  it("without JavaScript, posting the form by its Preview button writes nothing and gives the text back rendered", async () => {
    let written = false;
    const intents = {
      reply: form(replySchema, async () => {
        written = true;
        return "posted";
      }),
      preview,
    };
    const answer = await handleIntents(post({ body: "# Title\n\n_kept_", intent: "preview", "preview-field": "body" }), intents);
    expect(written).toBe(false);
    const feedback = feedbackOf(answer);
    expect(feedback.values.body).toBe("# Title\n\n_kept_");
    expect(feedback.preview?.html).toBe("<h3>Title</h3>\n<p><em>kept</em></p>");

    const empty = await handleIntents(post({ body: "", intent: "preview" }), intents);
    expect(feedbackOf(empty).preview).toEqual({ field: "body", html: null, error: "Nothing to preview yet: write something first." });
  });
});
