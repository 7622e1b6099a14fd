import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { BASELINE_HEADERS, HSTS, NON_PAGE_CSP } from "~/utils/security-headers.server";

/**
 * Runs `fn` once, right before the status line and headers go out, whoever
 * sends them (Remix, express.static, an error page). `fn` gets the status.
 */
export function beforeHeaders(res: ServerResponse, fn: (status: number) => void): void {
  const writeHead = res.writeHead;
  let done = false;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!done) {
      done = true;
      fn(typeof args[0] === "number" ? args[0] : this.statusCode);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

/**
 * Baseline headers on every response, including static files and resource
 * routes. Pages set their own nonce CSP in entry.server.tsx; anything else
 * gets a CSP under which nothing runs. HSTS only over HTTPS: `req.secure`
 * is true for TLS, or for `X-Forwarded-Proto: https` when TRUST_PROXY is set.
 */
export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    beforeHeaders(res, () => {
      // A response that names who may frame it (the embeddable changelog) gets no X-Frame-Options: DENY would overrule it.
      const ownAncestors = /frame-ancestors ([^;]+)/.exec(String(res.getHeader("Content-Security-Policy") ?? ""))?.[1]?.trim();
      const framable = ownAncestors !== undefined && ownAncestors !== "'none'";
      for (const [name, value] of Object.entries(BASELINE_HEADERS)) {
        if (!res.hasHeader(name) && !(framable && name === "X-Frame-Options")) res.setHeader(name, value);
      }
      if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", NON_PAGE_CSP);
      if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    });
    next();
  };
}
