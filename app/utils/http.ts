import { redirect } from "@remix-run/node";

/** Throws an HTTP response (404, 403, 409 …) when a condition fails, so routes read top to bottom. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit & { status: number },
): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

/**
 * A refusal of what someone typed: a status the idea already has, text too
 * complex to render, a posting limit. Models throw it; it is a Response, so
 * wherever nobody turns it into a form error (the JSON API, a plain link) it
 * still answers with its status and message; a route that keeps its form
 * returns it as a message next to the field with what was typed
 * (keepFormOnRefusal in form-response.server.ts). `field` is null when the
 * route knows best which field it belongs to.
 */
export class FieldRefusal extends Response {
  constructor(
    readonly field: string | null,
    readonly message: string,
    status: number,
    headers?: HeadersInit,
  ) {
    super(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
  }
}

/** Like invariantResponse, for a refusal shown next to a form field. */
export function refuseField(condition: unknown, field: string, message: string, status: number): asserts condition {
  if (!condition) throw new FieldRefusal(field, message, status);
}

/** A refusal of the text a form sent, shown next to whichever field the route names. */
export function refuseInput(message: string, init: { status: number; headers?: HeadersInit }): FieldRefusal {
  return new FieldRefusal(null, message, init.status, init.headers);
}

export const notFound = (message: string) => new Response(message, { status: 404 });
export const forbidden = (message: string) => new Response(message, { status: 403 });
export const conflict = (message: string) => new Response(message, { status: 409 });

/** Parses a numeric id from a URL or form; anything else is a 400, never a 500. */
export function parseId(value: unknown, what = "id"): number {
  const text = typeof value === "string" ? value : "";
  invariantResponse(/^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)), `That ${what} is not valid.`, { status: 400 });
  return Number(text);
}

/**
 * A page number from a URL: a whole number from 1 to `last`. Anything else
 * (missing, 0, negative, 1e308, "abc") is the first page; past `last`, the last.
 */
export function pageParam(value: string | null, last: number): number {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return 1;
  return Math.min(Math.max(Number(value.trim()), 1), last);
}

/**
 * GET forms send every field, empty ones too (?kind=&status=). Redirects to
 * the same URL without the empty ones so shared links stay short and clean.
 */
export function redirectWithoutEmptyParams(request: Request): void {
  const url = new URL(request.url);
  const empty = [...url.searchParams].filter(([, value]) => value === "").map(([key]) => key);
  if (empty.length === 0) return;
  for (const key of empty) url.searchParams.delete(key);
  throw redirect(url.pathname + url.search);
}
