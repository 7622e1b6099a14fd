/**
 * Where someone goes back to after signing in or up: the one rule for every
 * `redirectTo`, on the server (login, signup, anything else that redirects
 * to a place the request names) and in the page (the hidden form field).
 *
 * Only a path on this site is accepted. Browsers drop tabs and line breaks
 * from URLs and read a backslash as a slash, so `/\t/evil.example/` or
 * `/\evil.example` would leave the site; a line break in a Location header
 * is not even allowed. Anything like that, in its raw or percent-decoded
 * form, and anything the URL parser places on another origin, goes home.
 */

const RETURN_PATH_MAX = 2_000;
/** C0 controls (tab, CR, LF …), DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const PROBE_ORIGIN = "http://return-path.invalid";

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > RETURN_PATH_MAX) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const form of [to, decoded]) {
    if (!form.startsWith("/") || form.startsWith("//") || form.includes("\\") || CONTROL_CHARACTER.test(form)) {
      return fallback;
    }
  }
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return url.pathname + url.search + url.hash;
}

/**
 * The sign-in or sign-up link that brings the person back to `here`
 * afterwards. Home and the account pages themselves need no return path.
 */
export function authHref(page: "login" | "signup", here: string): string {
  const back = safeRedirect(here);
  if (back === "/" || back.startsWith("/login") || back.startsWith("/signup")) return `/${page}`;
  return `/${page}?${new URLSearchParams({ redirectTo: back })}`;
}
