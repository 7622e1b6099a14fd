import { createCookie, data, redirect } from "@remix-run/node";
import * as client from "openid-client";
import { config, isProductionDeployment } from "~/config.server";
import { getSiteSecret } from "~/models/site-secret.server";
import { log } from "~/utils/log.server";
import { safeRedirect } from "~/utils/return-path";

/**
 * Sign-in with the company's own account: the OpenID Connect client, on
 * openid-client (discovery from the issuer, authorization code flow with
 * PKCE, `state` and `nonce`, the ID token checked by the library).
 *
 * What one sign-in needs between leaving for the provider and coming back
 * (the PKCE verifier, state, nonce, where to return) lives in a short-lived
 * signed, httpOnly cookie of this browser, so any server process can finish
 * what another started. The only module state is each process's cache of
 * the provider's discovery document.
 */

export const SSO_CALLBACK_PATH = "/login/sso/callback";
const FLOW_MAX_AGE_SECONDS = 10 * 60;
const DISCOVERY_TTL_MS = 60 * 60_000;

/** What the provider vouches for, with the claims the settings map. */
export type ProviderIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  preferredUsername: string | null;
  name: string | null;
  accountClaim: string | null;
  planClaim: string | null;
  segmentClaim: string | null;
};

/** A sign-in that can't go on, with the status and the message its page shows. */
export class SsoFailure extends Error {
  override name = "SsoFailure";
  constructor(
    readonly status: 400 | 409 | 502,
    message: string,
  ) {
    super(message);
  }
}

/** The provider's settings, or null when sign-in with the company's account is off. */
export function ssoSettings() {
  const c = config();
  if (!c.OIDC_ISSUER || !c.OIDC_CLIENT_ID || !c.OIDC_CLIENT_SECRET) return null;
  return { issuer: c.OIDC_ISSUER, clientId: c.OIDC_CLIENT_ID, clientSecret: c.OIDC_CLIENT_SECRET, name: c.OIDC_NAME, only: c.OIDC_ONLY };
}

/** What pages need to know: the button's name and whether password sign-in is for admins only. */
export function ssoOffer(): { name: string; only: boolean } | null {
  const settings = ssoSettings();
  return settings && { name: settings.name, only: settings.only };
}

function requireSso() {
  const settings = ssoSettings();
  if (!settings) throw new Response("Sign-in with a company account is not set up on this forum.", { status: 404 });
  return settings;
}

let discovered: { key: string; at: number; configuration: Promise<client.Configuration> } | undefined;

/** The provider's configuration from its discovery document, kept for an hour; a failed discovery is tried again next time. */
async function providerConfiguration(settings: NonNullable<ReturnType<typeof ssoSettings>>): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (!discovered || discovered.key !== key || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
    const insecure = new URL(settings.issuer).protocol === "http:";
    const configuration = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    discovered = { key, at: Date.now(), configuration };
  }
  const current = discovered;
  try {
    return await current.configuration;
  } catch (error) {
    if (discovered === current) discovered = undefined;
    log("warn", "sso.discovery_failed", { issuer: settings.issuer, reason: reasonOf(error) });
    throw new SsoFailure(502, `We couldn't reach ${settings.name} to sign you in. Please try again in a few minutes.`);
  }
}

type Flow = { state: string; nonce: string; verifier: string; redirectTo: string; startedAt: number };

async function flowCookie() {
  return createCookie("cocreate_sso", {
    secrets: [await getSiteSecret()],
    httpOnly: true,
    sameSite: "lax",
    secure: isProductionDeployment(),
    path: "/login/sso",
    maxAge: FLOW_MAX_AGE_SECONDS,
  });
}

/** A Set-Cookie header that forgets this browser's sign-in in progress. */
export async function clearFlowCookie(): Promise<string> {
  return (await flowCookie()).serialize("", { maxAge: 0 });
}

const redirectUri = () => `${config().PUBLIC_URL}${SSO_CALLBACK_PATH}`;

/** Sends the browser to the provider, remembering in a signed cookie what the way back must show. */
export async function startSsoSignIn(redirectTo: unknown): Promise<Response> {
  const settings = requireSso();
  const configuration = await providerConfiguration(settings);
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectTo: safeRedirect(redirectTo),
    startedAt: Date.now(),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(),
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return redirect(url.href, { headers: { "Set-Cookie": await (await flowCookie()).serialize(flow) } });
}

function readFlow(value: unknown): Flow | null {
  if (!value || typeof value !== "object") return null;
  const flow = value as Partial<Flow>;
  const fresh = typeof flow.startedAt === "number" && Date.now() - flow.startedAt <= FLOW_MAX_AGE_SECONDS * 1000;
  const complete = [flow.state, flow.nonce, flow.verifier, flow.redirectTo].every((part) => typeof part === "string");
  return fresh && complete ? (flow as Flow) : null;
}

/**
 * Checks the provider's answer against this browser's cookie and the
 * provider's keys, and returns who signed in and where they were going.
 * Anything wrong is an SsoFailure; the reason is logged without any token.
 */
export async function finishSsoSignIn(request: Request): Promise<{ identity: ProviderIdentity; redirectTo: string }> {
  const settings = requireSso();
  const flow = readFlow(await (await flowCookie()).parse(request.headers.get("Cookie")));
  if (!flow) {
    throw new SsoFailure(400, "This sign-in has expired or was started in another browser. Please start again from the sign-in page.");
  }
  const configuration = await providerConfiguration(settings);
  const search = new URL(request.url).search;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  let userinfo: Record<string, unknown> = {};
  try {
    tokens = await client.authorizationCodeGrant(configuration, new URL(`${redirectUri()}${search}`), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new client.ClientError("the provider sent no ID token");
    if (configuration.serverMetadata().userinfo_endpoint) {
      userinfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    }
    return { identity: identityFrom({ ...userinfo, ...claims }), redirectTo: flow.redirectTo };
  } catch (error) {
    log("warn", "sso.refused", { issuer: settings.issuer, reason: reasonOf(error) });
    if (error instanceof client.AuthorizationResponseError) {
      const cancelled = error.error === "access_denied";
      throw new SsoFailure(
        400,
        cancelled
          ? `Signing in at ${settings.name} was cancelled or refused, so you are not signed in. You can try again.`
          : `${settings.name} could not sign you in (it answered “${error.error}”). Please try again, or ask your administrator.`,
      );
    }
    if (isUnreachable(error)) {
      throw new SsoFailure(502, `We couldn't reach ${settings.name} to finish signing you in. Please try again in a few minutes.`);
    }
    throw new SsoFailure(
      400,
      `We couldn't confirm this sign-in with ${settings.name}: the answer did not match the sign-in this browser started. Please start again from the sign-in page.`,
    );
  }
}

/** A claim as text: a string or number, trimmed and bounded; anything else is not there. */
function claimText(value: unknown, max = 200): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const text = value.trim().slice(0, max);
  return text === "" ? null : text;
}

function identityFrom(claims: Record<string, unknown>): ProviderIdentity {
  const c = config();
  const mapped = (name: string | undefined) => (name ? claimText(claims[name]) : null);
  const email = claimText(claims.email, 254)?.toLowerCase() ?? null;
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: email && email.includes("@") ? email : null,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    preferredUsername: claimText(claims.preferred_username),
    name: claimText(claims.name),
    accountClaim: mapped(c.OIDC_CLAIM_ACCOUNT),
    planClaim: mapped(c.OIDC_CLAIM_PLAN),
    segmentClaim: mapped(c.OIDC_CLAIM_SEGMENT),
  };
}

/** The network, not the answer, failed: the provider is down or too slow. */
function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return true;
    if (e instanceof TypeError && e.message === "fetch failed") return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR_)/.test(code)) return true;
  }
  return false;
}

/** Why a sign-in failed, for the log: the error's kind and code, never its values or any token. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  const code = (error as { code?: unknown }).code;
  const providerError = error instanceof client.AuthorizationResponseError ? `:${error.error}` : "";
  return `${error.name}${typeof code === "string" ? `:${code}` : ""}${providerError}`;
}

/**
 * The page a sign-in that can't go on shows: its message and status (400
 * for a tampered, stale or refused answer, 409 for an address we won't link,
 * 502 when the provider is down), and the sign-in in progress forgotten.
 * Anything else is a real error and goes on to the error page.
 */
export async function ssoProblemPage(error: unknown, refusal: { message: string; status: number } | null) {
  const problem = error instanceof SsoFailure ? { message: error.message, status: error.status } : refusal;
  if (!problem) throw error;
  return data(
    { problem: problem.message, name: ssoOffer()?.name ?? "your company account" },
    { status: problem.status, headers: { "Set-Cookie": await clearFlowCookie() } },
  );
}
