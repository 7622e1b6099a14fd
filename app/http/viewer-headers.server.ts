import type { RequestHandler } from "express";
import { requestContext } from "~/utils/request-context.server";
import { beforeHeaders } from "./security-headers.server";

/**
 * Every answer rendered for a signed-in member (or an API token's owner) is
 * theirs alone: `Cache-Control: private, no-store` keeps it out of every
 * shared cache and off the disk, and `Vary: Cookie` tells caches that the
 * same URL answers differently per person. Decided when the headers go out,
 * from whom the request was answered for (RequestContext.viewer), whatever
 * the route itself set.
 */
export function privateWhenSignedIn(): RequestHandler {
  return (_req, res, next) => {
    const context = requestContext();
    beforeHeaders(res, () => {
      if (context?.viewer !== "member") return;
      res.setHeader("Cache-Control", "private, no-store");
      res.vary("Cookie");
    });
    next();
  };
}
