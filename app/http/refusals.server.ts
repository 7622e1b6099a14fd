import type { ServerBuild } from "@remix-run/node";
import { Conflict, DomainError, Forbidden, Invalid, NotFound, RateLimited, SignInRequired } from "~/models/errors.server";

/**
 * The one place a model's refusal (app/models/errors.server.ts) becomes
 * HTTP: its status here, its message as the answer. Forms that show the
 * refused field answer with the form instead (app/http/form-action.server.ts),
 * the JSON API with `{ "error": message }` (app/routes/api.server.ts), both
 * with this status.
 */
const statuses: [new (...args: never) => DomainError, number][] = [
  [Invalid, 400],
  [SignInRequired, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [RateLimited, 429],
];

export function refusalStatus(refusal: DomainError): number {
  return statuses.find(([kind]) => refusal instanceof kind)?.[1] ?? 400;
}

/** Retry-After for a rate limit that knows when trying again can work. */
export function refusalHeaders(refusal: DomainError): Record<string, string> {
  return refusal instanceof RateLimited && refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {};
}

/** What a refusal answers where no form shows it: its status, and its message for the error page. */
export function refusalResponse(refusal: DomainError): Response {
  return new Response(refusal.message, {
    status: refusalStatus(refusal),
    headers: { "Content-Type": "text/plain; charset=utf-8", ...refusalHeaders(refusal) },
  });
}

type RouteFunction = ((args: never) => unknown) | undefined;

function answeringRefusals<F extends RouteFunction>(run: F): F {
  if (!run) return run;
  const wrapped = async (args: never) => {
    try {
      return await run(args);
    } catch (thrown) {
      throw thrown instanceof DomainError ? refusalResponse(thrown) : thrown;
    }
  };
  return wrapped as F;
}

/**
 * The build with every route's loader and action answering a refusal they
 * throw as its HTTP response (a 404 page for NotFound …), so no route
 * catches one itself.
 */
export function answerRefusals(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    if (module.loader) module.loader = answeringRefusals(module.loader);
    if (module.action) module.action = answeringRefusals(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
