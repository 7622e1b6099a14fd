import { userFromApiToken } from "~/models/api-token.server";
import { DomainError } from "~/models/errors.server";
import { refusalResponse } from "~/http/refusals.server";
import type { SessionUser } from "~/auth/session.server";
import { withoutNul } from "~/utils/validation.server";

/** A JSON answer for the public API, never cached by shared caches when it depends on a token. */
export function json(body: unknown, init: ResponseInit = {}) {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers },
  });
}

/**
 * Runs an API handler and turns models' refusals (404, 403, 429 …) and the
 * HTTP errors it throws into JSON `{ "error": message }` with the same
 * status, so clients never get an HTML page.
 */
export async function apiResponse(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (caught) {
    const thrown = caught instanceof DomainError ? refusalResponse(caught) : caught;
    if (!(thrown instanceof Response)) throw thrown;
    const message = (await thrown.text()) || thrown.statusText || "Request failed";
    const headers: Record<string, string> = {};
    const retryAfter = thrown.headers.get("Retry-After");
    if (retryAfter) headers["Retry-After"] = retryAfter;
    return json({ error: message }, { status: thrown.status, headers });
  }
}

/** The member behind `Authorization: Bearer cc_…`, or a 401 JSON error. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await userFromApiToken(request);
  if (!user) {
    throw new Response("Send a personal API token as 'Authorization: Bearer cc_…'. Create one at /settings/tokens.", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="cocreate"' },
    });
  }
  return user;
}

/** Reads a JSON or form body into plain strings. */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/json")) {
    const parsed: unknown = await request.json().catch(() => {
      throw new Response("The body is not valid JSON.", { status: 400 });
    });
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Response("Send a JSON object.", { status: 400 });
    }
    return textWithoutNul(Object.entries(parsed));
  }
  return textWithoutNul(await request.formData());
}

function textWithoutNul(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  return Object.fromEntries([...entries].map(([key, value]) => [key, typeof value === "string" ? withoutNul(value) : value]));
}
