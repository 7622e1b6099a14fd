import { MarkdownRefused, linkKnownMentions, renderDraft, type Draft } from "~/markdown/render.server";
import { Invalid } from "./errors.server";

/**
 * A post's Markdown rendered once, before the write's transaction opens (the
 * render is bounded, but no transaction should wait on it). Text that can't
 * be rendered in bounded time is refused (Invalid) with what to change,
 * next to the form field the text came from.
 */
export function draftPost(body: string, field = "body"): Draft {
  try {
    return renderDraft(body);
  } catch (error) {
    if (error instanceof MarkdownRefused) throw new Invalid(field, error.message);
    throw error;
  }
}

/** Notes (status changes, staff notes) link no mentions. */
export function renderNote(body: string, field: string): string {
  return linkKnownMentions(draftPost(body, field).html, new Set());
}
