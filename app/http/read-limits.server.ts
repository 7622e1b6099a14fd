import type { RequestHandler } from "express";
import { consume } from "./rate-limit.server";
import { requestContext } from "~/utils/request-context.server";
import { sendAnswer } from "./answer-page.server";
import { clientIpOf } from "./remix-handler.server";

/** Full-text searches cost more than a page view; the new-thread form's suggestions are searches too. */
const SEARCH_PATHS = new Set(["/search", "/search.data", "/threads/similar"]);

/**
 * The per-IP limits that apply before any route runs: a generous one for
 * every request (static files are served before this and do not count) and
 * a tighter one for search. Write limits (sign-in, posting …) live in the
 * actions, which answer with the form and what was typed.
 */
export function readLimits(): RequestHandler {
  return async (req, res, next) => {
    try {
      const ip = clientIpOf(req);
      const isSearch = SEARCH_PATHS.has(req.path);
      const wait = (await consume("reads", ip)) ?? (isSearch ? await consume("search", ip) : null);
      if (!wait) return next();
      const context = requestContext();
      if (context) context.refused = isSearch ? "rate-limit:search" : "rate-limit:reads";
      sendAnswer(req, res, {
        status: 429,
        title: "Slow down a little",
        message: `${isSearch ? "You have searched a lot" : "Your network has sent a lot of requests"} in a short time. Please try again ${wait.when}.`,
        headers: { "Retry-After": String(wait.retryAfter) },
      });
    } catch (error) {
      next(error);
    }
  };
}
