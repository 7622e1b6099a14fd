/**
 * Shows a post's stored HTML. That HTML is produced only by
 * app/markdown/render.server.ts, which sanitizes it on write.
 */
export function MarkdownBody({ html }: { html: string }) {
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
