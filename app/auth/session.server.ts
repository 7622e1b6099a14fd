import { Lucia, TimeSpan } from "lucia";
import { redirect } from "@remix-run/node";
import type { Role } from "~db/schema";
import { isProductionDeployment } from "~/config.server";
import { noteViewer } from "~/utils/request-context.server";
import { authHref, safeRedirect } from "~/utils/return-path";
import { withGroups } from "~/models/content.server";
import { KyselyLuciaAdapter, noteSessionSeen } from "./lucia-adapter.server";

/**
 * A session ends after 14 days without use (lucia pushes the expiry forward
 * once half of it has passed, so one write per week of use, not per
 * request) and in any case 60 days after sign-in.
 */
export const SESSION_IDLE_DAYS = 14;
export const SESSION_MAX_AGE_DAYS = 60;
const DAY_MS = 86_400_000;

export const lucia = new Lucia(new KyselyLuciaAdapter({ maxAgeMs: SESSION_MAX_AGE_DAYS * DAY_MS }), {
  sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
  sessionCookie: {
    name: "cocreate_session",
    // The cookie lives as long as the browser keeps it; the database row
    // decides expiry, so no refresh header is needed.
    expires: false,
    attributes: { secure: isProductionDeployment(), sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({ lastSeenAt: attributes.last_seen_at ?? 0 }),
  getUserAttributes: (attributes) => ({
    username: attributes.username,
    displayName: attributes.display_name,
    role: attributes.role,
    suspendedUntil: attributes.suspended_until,
    emailVerifiedAt: attributes.email_verified_at,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseSessionAttributes: { user_agent?: string | null; last_seen_at?: number; sso_signed_in_at?: number | null };
    DatabaseUserAttributes: {
      username: string;
      display_name: string | null;
      role: Role;
      suspended_until: number | null;
      email_verified_at: number | null;
    };
  }
}

/** The signed-in person as every page and model sees them. */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  suspendedUntil: number | null;
  emailVerifiedAt: number | null;
  /** The co-design groups they accepted to join: their discussions are theirs to see (can.see). */
  groupIds: number[];
};

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user, or null for a visitor. Validated once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = lookUpUser(request);
    cache.set(request, pending);
  }
  return pending;
}

/**
 * The session id a Cookie header carries, read exactly as lucia reads it
 * (names and values percent-decoded, so `cocreate%5Fsession=…` counts), or
 * null. The one place that decides whether a request claims a session: the
 * session lookup, the page cache and the origin check all ask it.
 */
export function sessionIdFromCookies(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  try {
    return lucia.readSessionCookie(cookieHeader) || null;
  } catch {
    // A malformed %-escape makes the cookie unreadable for lucia too: no session.
    return null;
  }
}

/** The id of the session this request's cookie names, if any (it may have ended). */
export function readSessionId(request: Request): string | null {
  return sessionIdFromCookies(request.headers.get("Cookie"));
}

/** /settings/sessions says when a browser was last seen to within this; one write per session per interval, not per request. */
const LAST_SEEN_STEP_MS = 5 * 60_000;

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const sessionId = readSessionId(request);
  const { user, session } = sessionId ? await lucia.validateSession(sessionId) : { user: null, session: null };
  noteViewer(user?.id ?? null);
  if (session && session.lastSeenAt < Date.now() - LAST_SEEN_STEP_MS) await noteSessionSeen(session.id);
  if (!user) return null;
  return withGroups(user);
}

/** Where a visitor should come back to after signing in. */
export function returnPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  return url.pathname + url.search;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw redirect(authHref("login", returnPath(request)));
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new Response("Only admins can open this page.", { status: 403 });
  return user;
}

export async function requireStaff(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role === "member") throw new Response("Only staff can open this page.", { status: 403 });
  return user;
}

/**
 * Signs in with a brand-new session id. A session the browser already had
 * (someone else's, or one planted by an attacker) is ended first, so no id
 * known before sign-in is valid after it.
 */
export async function startSession(
  request: Request,
  userId: number,
  redirectTo: unknown,
  options: { ssoSignedInAt?: number; headers?: HeadersInit } = {},
): Promise<Response> {
  const previous = readSessionId(request);
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(userId, {
    user_agent: request.headers.get("User-Agent"),
    sso_signed_in_at: options.ssoSignedInAt ?? null,
  });
  noteViewer(userId);
  const headers = new Headers(options.headers);
  headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  return redirect(safeRedirect(redirectTo), { headers });
}

export async function endSession(request: Request): Promise<Response> {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return redirect("/", { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
}

/** "Sign out everywhere": ends every session of the user, this browser's too. */
export async function endAllSessions(userId: number, options: { tokensRevoked?: boolean } = {}): Promise<Response> {
  await lucia.invalidateUserSessions(userId);
  return redirect(`/login?signedOut=${options.tokensRevoked ? "everywhere-and-tokens" : "everywhere"}`, {
    headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() },
  });
}
