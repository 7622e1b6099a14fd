import { Link } from "@remix-run/react";
import type { MouseEvent } from "react";
import { appendEdit } from "~/utils/markdown-edit";
import { quoteMarkdown } from "~/utils/quote";
import { replyPath, threadPagePath, threadPath } from "~/utils/slug";
import { applyEdit } from "./MarkdownEditor";

export type QuoteTarget = {
  /** This page with ?quote=…: the reply form comes back holding the whole post quoted (no JavaScript needed). */
  href: string;
  username: string;
  /** The link back to the quoted post. */
  source: string;
};

/** The text selected inside this post's body, if any. */
function selectedIn(article: Element | null): string {
  const selection = window.getSelection();
  const body = article?.querySelector(".markdown");
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !body) return "";
  return body.contains(selection.getRangeAt(0).commonAncestorContainer) ? selection.toString().trim() : "";
}

/**
 * "Quote" on a post: with text selected in the post, that text goes into the
 * reply form as a quote with a link back; otherwise the link reloads the page
 * with the whole post quoted in the reply form.
 */
export function QuoteLink({ href, username, source }: QuoteTarget) {
  const quoteSelection = (event: MouseEvent<HTMLAnchorElement>) => {
    const text = selectedIn(event.currentTarget.closest("article"));
    const reply = document.querySelector<HTMLTextAreaElement>(".reply-form textarea");
    if (!text || !reply) return;
    event.preventDefault();
    applyEdit(reply, appendEdit(reply.value, quoteMarkdown({ username, href: source, text })));
    reply.scrollIntoView({ block: "center" });
  };
  return (
    <Link
      to={href}
      className="button button-small button-quiet"
      preventScrollReset
      // Pressing the link must not clear the selection it is about to quote.
      onMouseDown={(event) => event.preventDefault()}
      onClick={quoteSelection}
    >
      Quote
    </Link>
  );
}

/** The "Quote" links of one page of a thread: back to this page, the reply form holding the quote. */
export function quoteLinks(thread: { id: number; title: string }, page: number) {
  const here = threadPagePath(thread, page);
  return (post: number | "thread", username: string): QuoteTarget => ({
    href: `${here}${here.includes("?") ? "&" : "?"}quote=${post}#reply-title`,
    username,
    source: post === "thread" ? threadPath(thread) : replyPath(post),
  });
}
