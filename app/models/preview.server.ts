import { getDb } from "~db/client.server";
import type { MarkdownPreview } from "~/utils/form-feedback";
import { BODY_MAX } from "~/utils/form-limits";
import { DomainError } from "./errors.server";
import { resolveMentions } from "./mention.server";
import { draftPost } from "./post-text.server";

/**
 * What a post will look like: the same render as the write (bounded,
 * sanitized, mentions linked only for members who exist), without writing.
 */
export async function previewMarkdown(field: string, source: string): Promise<MarkdownPreview> {
  if (source.trim() === "") return { field, html: null, error: "Nothing to preview yet: write something first." };
  if (source.length > BODY_MAX) {
    return { field, html: null, error: `This is too long: keep it under ${BODY_MAX.toLocaleString("en")} characters.` };
  }
  try {
    const { html } = await resolveMentions(getDb(), draftPost(source, field));
    return { field, html, error: null };
  } catch (error) {
    if (error instanceof DomainError) return { field, html: null, error: error.message };
    throw error;
  }
}
