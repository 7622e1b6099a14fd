import { MarkdownRefused, linkKnownMentions, renderDraft, type Draft } from "~/markdown/render.server";
import { refuseInput } from "~/utils/http";

/**
 * A post's Markdown rendered once, before the write's transaction opens (the
 * render is bounded, but no transaction should wait on it). Text that can't
 * be rendered in bounded time is refused (400) with what to change.
 */
export function draftPost(body: string): Draft {
  try {
    return renderDraft(body);
  } catch (error) {
    if (error instanceof MarkdownRefused) throw refuseInput(error.message, { status: 400 });
    throw error;
  }
}

/** Notes (status changes, staff notes) link no mentions. */
export function renderNote(body: string): string {
  return linkKnownMentions(draftPost(body).html, new Set());
}
