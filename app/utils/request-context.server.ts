import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the request log line needs to know from deep inside Remix: who was
 * signed in and which error id, if any, the person was shown. The express
 * layer opens one per request; loaders and entry.server fill it in.
 */
export type RequestContext = {
  userId?: number;
  errorId?: string;
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
