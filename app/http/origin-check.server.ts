import type { RequestHandler } from "express";
import { requestContext } from "~/utils/request-context.server";
import { sendAnswer } from "./answer-page.server";
import { requestHost } from "./remix-handler.server";

export type OriginVerdict = "same-origin" | "foreign" | "missing" | "missing-with-session";

/**
 * Where a state-changing request came from, judged by `Origin` (or
 * `Referer` when a browser left Origin out) against the host the visitor
 * addressed. Only the host and port are compared: behind a TLS proxy the
 * server may not know the scheme, and the session cookie is SameSite=Lax
 * and Secure in production anyway.
 */
export function judgeOrigin(input: {
  origin?: string;
  referer?: string;
  host: string | undefined;
  hasSessionCookie: boolean;
}): OriginVerdict {
  const claimed = input.origin ?? input.referer;
  if (claimed === undefined) return input.hasSessionCookie ? "missing-with-session" : "missing";
  let source: URL;
  try {
    source = new URL(claimed); // "null" (sandboxed frames, privacy redirects) does not parse
  } catch {
    return "foreign";
  }
  if (source.protocol !== "http:" && source.protocol !== "https:") return "foreign";
  let sameHost = false;
  try {
    sameHost = input.host !== undefined && new URL(`${source.protocol}//${input.host}`).host === source.host;
  } catch {
    // A Host header that is not a host matches nothing.
  }
  return sameHost ? "same-origin" : "foreign";
}

/**
 * CSRF protection for every route at once: a POST (or any method but GET
 * and HEAD) must come from one of our own pages. Browsers always send
 * `Origin` on such requests; a request without Origin and Referer is taken
 * to be from a non-browser client and allowed only if it carries no
 * session cookie, so it cannot act for a signed-in person. That covers
 * mail providers' RFC 8058 one-click unsubscribes, which their servers send
 * without Origin or our cookies; the signed token in the URL authorises those.
 * (Remix itself refuses a document POST whose Origin differs from the host,
 * but as a 500 and without looking at Referer or .data requests.)
 */
export function originCheck(options: { hasSession: (cookieHeader: string | undefined) => boolean }): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const verdict = judgeOrigin({
      origin: req.get("origin"),
      referer: req.get("referer"),
      host: requestHost(req),
      hasSessionCookie: options.hasSession(req.get("cookie")),
    });
    if (verdict === "same-origin" || verdict === "missing") return next();
    const context = requestContext();
    if (context) context.refused = `origin:${verdict}`;
    sendAnswer(req, res, {
      status: 403,
      title: "This form came from another site",
      message:
        "For your safety this site only accepts forms sent from its own pages, and this one came from somewhere else. " +
        "Go back, reload the page and send it again from there.",
    });
  };
}
