import { redirect } from "@remix-run/node";

/** Throws an HTTP response (404, 403, 409 …) when a condition fails, so routes read top to bottom. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit & { status: number }): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

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
