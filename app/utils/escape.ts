const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML or XML, in text or in a quoted attribute: the five
 * characters that could end or open markup. (`&#39;`, not `&apos;`, which
 * HTML 4 lacks.) The app's one escaper: pages rendered by React need none.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
