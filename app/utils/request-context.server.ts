import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the request log line needs to know from deep inside Remix: who was
 * signed in and which error id, if any, the person was shown. The express
 * layer opens one per request; loaders and entry.server fill it in.
 */
export type RequestContext = {
  userId?: number;
  /**
   * Whom the answer was rendered for, set where the viewer is resolved
   * (getUser, API tokens): "member" once anyone was recognised, which no
   * later lookup undoes; "nobody" when the lookup found no one. The page
   * cache stores only answers rendered for nobody, and answers rendered for
   * a member are sent private (app/http/viewer-headers.server.ts).
   */
  viewer?: "nobody" | "member";
  errorId?: string;
  /**
   * What the page shows, as page-cache tags (pageShows): a write that
   * changes none of them leaves the cached page in place. Unset: the page
   * may show anything, and any write drops it.
   */
  shows?: Set<string>;
  /** Why the request was refused before reaching a route, e.g. "origin" or "rate-limit:reads". */
  refused?: string;
};

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context; undefined outside a request (tests, scripts). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records whom this request is being answered for; see RequestContext.viewer. */
export function noteViewer(userId: number | null): void {
  const context = requestContext();
  if (!context) return;
  if (userId === null) {
    context.viewer ??= "nobody";
    return;
  }
  context.userId = userId;
  context.viewer = "member";
}

/**
 * Names what this request's page shows (`thread:12`, `product:3`, `lists`),
 * for the page cache (app/http/page-cache.server.ts). Name everything a
 * narrow write (one that calls touches(), db/invalidation.server.ts) may
 * change on the page; what only broad writes change (site settings,
 * products, names) needs no tag.
 */
export function pageShows(...tags: string[]): void {
  const context = requestContext();
  if (!context) return;
  context.shows ??= new Set();
  for (const tag of tags) context.shows.add(tag);
}
