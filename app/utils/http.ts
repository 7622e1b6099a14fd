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
 * A refusal that belongs next to one field of the form that asked for it
 * ("This idea is already planned." next to the status). It is a Response, so
 * wherever nobody turns it into a form error (the JSON API, a plain link) it
 * still answers with its status and message; form routes return it as a
 * field error with what was typed (formRefusal in form-response.server.ts).
 */
export class FieldRefusal extends Response {
  constructor(
    readonly field: string,
    readonly message: string,
    status: number,
  ) {
    super(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** Like invariantResponse, for a refusal shown next to a form field. */
export function refuseField(condition: unknown, field: string, message: string, status: number): asserts condition {
  if (!condition) throw new FieldRefusal(field, message, status);
}

export const notFound = (message: string) => new Response(message, { status: 404 });
export const forbidden = (message: string) => new Response(message, { status: 403 });
export const conflict = (message: string) => new Response(message, { status: 409 });

/** Parses a numeric id from a URL or form; anything else is a 400, never a 500. */
export function parseId(value: unknown, what = "id"): number {
  const text = typeof value === "string" ? value : "";
  invariantResponse(/^[1-9]\d{0,15}$/.test(text), `That ${what} is not valid.`, { status: 400 });
  return Number(text);
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
