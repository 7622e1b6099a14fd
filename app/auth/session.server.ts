import { Lucia } from "lucia";
import { redirect } from "@remix-run/node";
import type { Role } from "~db/schema";
import { isProductionDeployment } from "~/utils/env.server";
import { KyselyLuciaAdapter } from "./lucia-adapter.server";

export const lucia = new Lucia(new KyselyLuciaAdapter(), {
  sessionCookie: {
    name: "cocreate_session",
    // The cookie lives as long as the browser keeps it; the database row
    // decides expiry (30 days, extended while in use), so no refresh header is needed.
    expires: false,
    attributes: { secure: isProductionDeployment(), sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    username: attributes.username,
    displayName: attributes.display_name,
    role: attributes.role,
    suspendedUntil: attributes.suspended_until,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: {
      username: string;
      display_name: string | null;
      role: Role;
      suspended_until: number | null;
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

/** The id of the session this request's cookie names, if any (it may have ended). */
export function readSessionId(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const sessionId = readSessionId(request);
  if (!sessionId) return null;
  const { user } = await lucia.validateSession(sessionId);
  return user ?? null;
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
  if (!user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: returnPath(request) })}`);
  }
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

/** Only same-site paths are allowed as a place to return to, never another host. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

export async function startSession(userId: number, redirectTo: string): Promise<Response> {
  const session = await lucia.createSession(userId, {});
  return redirect(redirectTo, {
    headers: { "Set-Cookie": lucia.createSessionCookie(session.id).serialize() },
  });
}

export async function endSession(request: Request): Promise<Response> {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return redirect("/", { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
}

/** "Sign out everywhere": ends every session of the user, this browser's too. */
export async function endAllSessions(userId: number): Promise<Response> {
  await lucia.invalidateUserSessions(userId);
  return redirect("/login?signedOut=everywhere", {
    headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() },
  });
}
