/**
 * The CSP of an HTML page. Scripts run only from our origin or with this
 * response's nonce; a page rendered without a nonce runs no inline script.
 */
export function pageCsp(nonce?: string): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self'",
    // Posts show only images the site serves itself (app/markdown/render.server.ts): another host's image would see every reader.
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For everything that is not a page (files, feeds, plain-text answers): nothing in it may run, load or be framed. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries, page or not. */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Sent only on responses that travelled over HTTPS: over plain HTTP browsers ignore it, and it would lock out a site without TLS. */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Headers every HTML page carries. */
export function securityHeaders(nonce: string): Record<string, string> {
  return { "Content-Security-Policy": pageCsp(nonce), ...BASELINE_HEADERS };
}
