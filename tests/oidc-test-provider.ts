import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Connect provider (oidc-provider) for the tests, run inside
 * the test process: tests/unit/sso.test.ts starts one per file, the e2e run
 * one in Playwright's global setup (tests/e2e/global-setup.ts).
 *
 * Its sign-in page (oidc-provider's development form) takes any login and
 * password. The login is an email address and decides the claims, so a test
 * in another process can choose who signs in:
 *   ada@acme.test            → sub "ada@acme.test", email verified, company "acme"
 *   ada+unverified@acme.test → the same, but email_verified false
 * Consent is given by itself (a grant is loaded for every sign-in).
 */

export const TEST_CLIENT = { id: "cocreate-test", secret: "cocreate-test-secret-not-for-production" };

export function claimsFor(login: string) {
  const email = login.trim().toLowerCase();
  const [local = "", domain = ""] = email.split("@");
  return {
    sub: email,
    email,
    email_verified: !local.includes("unverified"),
    preferred_username: local.replace(/\+.*$/, ""),
    name: local.replace(/\+.*$/, "").replace(/^./, (c) => c.toUpperCase()),
    company: domain.split(".")[0] ?? "",
    plan: "Enterprise",
    segment: "Manufacturing",
  };
}

export type TestProvider = { issuer: string; close: () => Promise<void> };

/** Starts the provider on `port` (0: any free one) for a forum whose callback is `redirectUris`. */
export async function startTestProvider(port: number, redirectUris: string[]): Promise<TestProvider> {
  const server: Server = await new Promise((resolve) => {
    const s = http.createServer().listen(port, "127.0.0.1", () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    // Set, so the provider doesn't print a notice for each default it uses.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 3600 },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username", "company", "plan", "segment"],
    },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => ({
      accountId: id,
      claims: () => claimsFor(id),
    }),
    features: { devInteractions: { enabled: true } },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The forum's settings for this provider: the button says "Acme"; the company, plan and segment claims are mapped. */
export function forumSettingsFor(issuer: string) {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: TEST_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    OIDC_NAME: "Acme",
    OIDC_CLAIM_ACCOUNT: "company",
    OIDC_CLAIM_PLAN: "plan",
    OIDC_CLAIM_SEGMENT: "segment",
  };
}
