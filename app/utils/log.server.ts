import { randomBytes } from "node:crypto";
import { requestContext } from "./request-context.server";

/**
 * Structured logs: one JSON object per line, on stdout (stderr for errors).
 * Callers pass only what is safe to keep: never bodies, passwords, cookies
 * or tokens.
 */
export function log(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

const SECRET_PARAM = /token|password|secret|key|code|sig|session/i;

/** The path and query of a URL with the values of secret-looking parameters (?token=…) replaced. */
export function loggablePath(url: string): string {
  const parsed = new URL(url, "http://log.invalid");
  const query = [...parsed.searchParams]
    .map(([name, value]) => `${encodeURIComponent(name)}=${SECRET_PARAM.test(name) ? "[redacted]" : encodeURIComponent(value)}`)
    .join("&");
  return parsed.pathname + (query ? `?${query}` : "");
}

/**
 * Logs an unexpected error under a fresh id and remembers the id for this
 * request, so the error page and the request's log line both carry it.
 */
export function recordError(error: unknown, request?: { method: string; url: string }): string {
  const context = requestContext();
  const errorId = context?.errorId ?? randomBytes(5).toString("hex");
  if (context) context.errorId = errorId;
  log("error", "error", {
    errorId,
    method: request?.method,
    path: request ? loggablePath(request.url) : undefined,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return errorId;
}
