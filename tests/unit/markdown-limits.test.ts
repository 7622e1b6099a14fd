import { Lexer } from "marked";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { MAX_NESTING, MarkdownRefused, RENDER_TIME_LIMIT_MS, renderDraft } from "~/markdown/render.server";
import { createReply, editReply } from "~/models/post.server";
import { BODY_MAX } from "~/utils/form-limits";
import { createTestThread, createTestUser, statusOf } from "./factories";
import { pathologicalShapes, ordinaryLongPost } from "../../scripts/markdown-shapes";

/**
 * What a member can submit must never cost more than a small, fixed time to
 * render: the time limit plus what it takes to notice it ran out. The
 * shapes below were quadratic or overflowed the stack before (issue 13);
 * each is as long as a post may be. The ones known to be quadratic are
 * refused before rendering starts.
 */
const BUDGET_MS = RENDER_TIME_LIMIT_MS + 250;
const REFUSED_UP_FRONT_MS = 50;

afterEach(() => vi.restoreAllMocks());

function timed(source: string): { ms: number; outcome: "rendered" | "refused"; message?: string } {
  const started = performance.now();
  try {
    renderDraft(source);
    return { ms: performance.now() - started, outcome: "rendered" };
  } catch (error) {
    if (!(error instanceof MarkdownRefused)) throw error;
    return { ms: performance.now() - started, outcome: "refused", message: error.message };
  }
}

describe("rendering time", () => {
  it.each(pathologicalShapes(BODY_MAX))("$name (%#) renders or is refused within the budget", ({ source }) => {
    expect(source.length).toBeLessThanOrEqual(BODY_MAX);
    const result = timed(source);
    expect(result.ms, `${result.outcome} after ${Math.round(result.ms)} ms`).toBeLessThan(BUDGET_MS);
  });

  it("renders an ordinary post of the longest length in full, within the time limit", () => {
    const result = timed(ordinaryLongPost(BODY_MAX));
    expect(result.outcome).toBe("rendered");
    expect(result.ms).toBeLessThan(RENDER_TIME_LIMIT_MS);
  });

  it("refuses deep nesting with a clear message instead of overflowing the stack", () => {
    for (const marker of ["> ", "- ", "1. ", ">"]) {
      const result = timed(`${marker.repeat(10_000)}deep`);
      expect(result.outcome, marker).toBe("refused");
      expect(result.message).toContain(`nested at most ${MAX_NESTING} levels deep; line 1 goes deeper`);
    }
    expect(timed(`${"> ".repeat(MAX_NESTING)}just deep enough`).outcome).toBe("rendered");
    expect(timed(`\`\`\`\n${"> ".repeat(100)}\n\`\`\``).outcome).toBe("rendered");
  });

  it.each(["a_", "a+_", "__a", "a*", "`a"])("refuses long runs of %j before rendering, saying what to change", (unit) => {
    const result = timed(unit.repeat(Math.floor(BODY_MAX / unit.length)));
    expect(result.outcome).toBe("refused");
    expect(result.ms).toBeLessThan(REFUSED_UP_FRONT_MS);
    expect(result.message).toMatch(/takes too long to format.*put code between lines of ```/);
  });

  it("counts nothing inside fenced code, which marked shows as it is", () => {
    const blob = "a_".repeat(5_000);
    expect(timed(`\`\`\`\n${blob}\n\`\`\``).outcome).toBe("rendered");
    expect(timed(blob).outcome).toBe("refused");
  });

  it("stops a render the checks before it can't foresee once it runs past the time limit", () => {
    // A list indented 700 levels deep: far longer than a post may be, and slow for marked.
    const source = Array.from({ length: 700 }, (_, i) => `${" ".repeat(2 * i)}- level ${i}`).join("\n");
    const result = timed(source);
    expect(result.outcome).toBe("refused");
    expect(result.ms).toBeGreaterThanOrEqual(RENDER_TIME_LIMIT_MS - 5);
    expect(result.ms).toBeLessThan(BUDGET_MS);
  });
});

describe("a post that can't be rendered", () => {
  it("is refused with 400, and nothing is stored", async () => {
    const author = await createTestUser();
    const threadId = await createTestThread(author);
    expect(await statusOf(() => createReply(author, threadId, `${"> ".repeat(5_000)}x`))).toBe(400);
    const replies = await getDb().selectFrom("posts").select("id").where("thread_id", "=", threadId).execute();
    expect(replies).toHaveLength(0);
  });
});

describe("an edit", () => {
  it("renders the new text once and never renders the old one again", async () => {
    const author = await createTestUser({ username: "edit-once-author" });
    await createTestUser({ username: "edit-once-friend" });
    const threadId = await createTestThread(author);
    const postId = await createReply(author, threadId, "Thanks @edit-once-friend, first version.");
    const lex = vi.spyOn(Lexer, "lex");
    await editReply(author, postId, "Thanks @edit-once-friend, second version.");
    expect(lex).toHaveBeenCalledTimes(1);
    const post = await getDb().selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.body_html).toContain('href="/users/edit-once-friend"');
  });
});
