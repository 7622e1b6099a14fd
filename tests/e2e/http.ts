import { expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";

/**
 * Plain HTTP helpers for suites that write a lot through the real forms
 * without clicking. Every non-GET request carries an Origin header equal to
 * the server's base URL, as a browser on our own pages would send: the
 * server refuses cross-site form posts.
 */

export type Form = Record<string, string | number | boolean>;

/** A cookie-keeping HTTP client that looks like our own pages to the server; signed in when `login` is given. */
export async function httpClient(baseURL: string, login?: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  if (login) await signInOver(client, login, password);
  return client;
}

/** Signs a client in through POST /login; its cookie jar keeps the session. */
export async function signInOver(client: APIRequestContext, login: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await client.post("/login", { form: { login, password, redirectTo: "/" }, maxRedirects: 0 });
  expect(response.status(), `signing in as ${login}`).toBe(302);
}

/** Posts a form the way the page's <form method="post"> would, without following the redirect. */
export function postForm(client: APIRequestContext, path: string, form: Form): Promise<APIResponse> {
  return client.post(path, { form, maxRedirects: 0 });
}

/** The path a redirect points to. */
export function locationOf(response: APIResponse): string {
  const location = response.headers()["location"] ?? "";
  return location.replace(/^https?:\/\/[^/]+/, "");
}

/** The id in a /threads/:id/… redirect after creating a thread. */
export function threadIdFrom(response: APIResponse): number {
  const match = /^\/threads\/(\d+)/.exec(locationOf(response));
  expect(match, `a redirect to the new thread, got ${response.status()} ${locationOf(response)}`).not.toBeNull();
  return Number(match![1]);
}
