import { getDb } from "~db/client.server";
import type { Actor } from "~/auth/permissions.server";
import { quoteMarkdown } from "~/utils/quote";
import { replyPath, threadPath } from "~/utils/slug";
import { requireVisibleContent } from "./content.server";
import { NotFound } from "./errors.server";

/**
 * The reply form's text when "Quote" was followed without JavaScript
 * (`?quote=<reply id>`, or `?quote=thread` for the opening post): the whole
 * stored Markdown, quoted, with a link back. Only what the viewer may see,
 * and only from this thread; anything else quotes nothing.
 */
export async function quoteForReply(viewer: Actor, threadId: number, which: string | null): Promise<string | null> {
  if (!viewer || which === null) return null;
  const ref =
    which === "thread"
      ? { type: "thread" as const, id: threadId }
      : /^\d{1,15}$/.test(which)
        ? { type: "post" as const, id: Number(which) }
        : null;
  if (!ref) return null;
  let content;
  try {
    content = await requireVisibleContent(viewer, ref);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
  if (content.threadId !== threadId) return null;
  const author = await getDb().selectFrom("users").select("username").where("id", "=", content.author_id).executeTakeFirstOrThrow();
  const href = ref.type === "thread" ? threadPath({ id: threadId, title: content.threadTitle }) : replyPath(ref.id);
  return quoteMarkdown({ username: author.username, href, text: content.body });
}
