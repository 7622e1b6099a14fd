import type { LoaderFunctionArgs, ActionFunctionArgs } from "@remix-run/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { loader as startLoader } from "~/routes/login_.sso";
import { loader as callbackLoader } from "~/routes/login_.sso_.callback";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as privacyAction } from "~/routes/settings.privacy";
import { action as usernameAction } from "~/routes/settings.username";
import { loader as settingsLoader } from "~/routes/settings._index";
import { signInWithIdentity, usernameFrom } from "~/models/identity-link.server";
import { listAudit } from "~/models/audit.server";
import { identityLinksOf, removeIdentityLink } from "~/models/identity-link.server";
import { forumSettingsFor, startTestProvider, TEST_CLIENT, type TestProvider } from "../oidc-test-provider";
import { createAccount } from "./identity-fixtures";
import { createTestUser, refusalOf, TEST_PASSWORD } from "./factories";
import { restoreSettings, setSettings } from "./settings";

// A real OpenID Connect provider in this process; the forum's routes are called as Remix calls them.
const FORUM = "http://forum.test";
let provider: TestProvider;
let ssoSettings: Record<string, string>;

beforeAll(async () => {
  provider = await startTestProvider(0, [`${FORUM}/login/sso/callback`]);
  ssoSettings = { ...forumSettingsFor(provider.issuer), PUBLIC_URL: FORUM };
  setSettings(ssoSettings);
});
afterAll(async () => {
  restoreSettings();
  await provider.close();
});
afterEach(() => setSettings(ssoSettings));

type Args = LoaderFunctionArgs & ActionFunctionArgs;
const call = <R>(route: (args: Args) => Promise<R>, request: Request) =>
  route({ request, params: {}, context: { clientIp: "203.0.113.9" } } as unknown as Args) as Promise<R>;

/** A route's answer as a Response (a thrown one too), whether Remix would get a Response or data(). */
async function answer(
  route: (args: Args) => Promise<unknown>,
  request: Request,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  let result: unknown;
  try {
    result = await call(route, request);
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: await result.text() };
  const d = result as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } };
  if (d?.type === "DataWithResponseInit") return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), body: d.data };
  return { status: 200, headers: new Headers(), body: result };
}

const cookiePair = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Starts a sign-in at the forum: the provider's URL and this browser's flow cookie. */
async function begin(redirectTo?: string) {
  const res = await answer(
    startLoader,
    new Request(`${FORUM}/login/sso${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`),
  );
  expect(res.status).toBe(302);
  return { authUrl: new URL(res.headers.get("Location")!), cookie: cookiePair(res.headers, "cocreate_sso")! };
}

/** Plays the person at the provider's sign-in page; returns the URL the provider sends the browser back to. */
async function atProvider(authUrl: URL, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = authUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 10; step++) {
    const res = await fetch(url, { method: body ? "POST" : "GET", body, redirect: "manual", headers: { cookie: cookie() } });
    keep(res);
    body = undefined;
    const location = res.headers.get("Location");
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(FORUM)) return url;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form`);
    url = new URL(action.replaceAll("&amp;", "&"), url);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? "login";
    body = new URLSearchParams({ prompt, login, password: "any" });
  }
  throw new Error("the provider never sent the browser back");
}

/** Comes back to the forum with the provider's answer; `session` is a cocreate_session cookie the browser already had. */
function finish(callbackUrl: URL, flowCookie: string | undefined, session?: string) {
  const cookie = [flowCookie, session].filter(Boolean).join("; ");
  return answer(callbackLoader, new Request(callbackUrl, { headers: cookie ? { Cookie: cookie } : {} }));
}

async function signIn(login: string, redirectTo?: string) {
  const { authUrl, cookie } = await begin(redirectTo);
  return finish(await atProvider(authUrl, login), cookie);
}

const userByEmail = (email: string) => getDb().selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
const linksOf = (userId: number) => getDb().selectFrom("identity_links").selectAll().where("user_id", "=", userId).execute();
const count = async (table: "users" | "identity_links" | "sessions") =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("signing in with the company's account", () => {
  it("creates a member on the first sign-in, proposes a username and reuses the member the second time", async () => {
    const account = await createAccount("globex", "globex-corp.test");
    const first = await signIn("grace.hopper@globex.test", "/products/ledger");
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/settings/username?welcome=1&redirectTo=%2Fproducts%2Fledger");
    expect(cookiePair(first.headers, "cocreate_session")).toMatch(/^cocreate_session=\w+/);
    // The flow cookie is single-use: the answer forgets it.
    expect(first.headers.getSetCookie().some((c) => c.startsWith("cocreate_sso=;"))).toBe(true);

    const user = await userByEmail("grace.hopper@globex.test");
    expect(user).toMatchObject({ username: "grace-hopper", role: "member", password_hash: "!sso", account_id: account });
    expect(user!.email_verified_at).not.toBeNull();
    const [link] = await linksOf(user!.id);
    expect(link).toMatchObject({ issuer: provider.issuer, subject: "grace.hopper@globex.test", account_claim: "globex" });
    expect(link).toMatchObject({ plan_claim: "Enterprise", segment_claim: "Manufacturing" });
    const session = await getDb()
      .selectFrom("sessions")
      .select("sso_signed_in_at")
      .where("user_id", "=", user!.id)
      .executeTakeFirstOrThrow();
    expect(session.sso_signed_in_at).toBeGreaterThan(Date.now() - 60_000);

    const usersBefore = await count("users");
    const second = await signIn("grace.hopper@globex.test");
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe("/");
    expect(await count("users")).toBe(usersBefore);
    const [again] = await linksOf(user!.id);
    expect(again!.last_used_at).toBeGreaterThanOrEqual(link!.last_used_at);
    expect(await linksOf(user!.id)).toHaveLength(1);
  });

  it("lets the new member change the proposed username on the page after, and refuses a taken one keeping what was typed", async () => {
    await createTestUser({ username: "taken-name" });
    const first = await signIn("lin@initech.test");
    const session = cookiePair(first.headers, "cocreate_session")!;
    const post = (username: string) =>
      answer(
        usernameAction,
        new Request(`${FORUM}/settings/username`, {
          method: "POST",
          headers: { Cookie: session, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ username, redirectTo: "/" }),
        }),
      );
    const refused = await post("taken-name");
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      errors: { username: "That username is taken. Try another." },
      values: { username: "taken-name" },
    });
    expect((await post("lin-at-initech")).status).toBe(302);
    // Settings say they have no password (instead of a form asking for the current one) and show the connected sign-in.
    const settings = await answer(settingsLoader, new Request(`${FORUM}/settings`, { headers: { Cookie: session } }));
    expect(settings.body).toMatchObject({ account: { hasPassword: false }, ssoLinks: [{ issuer: provider.issuer }] });
    expect((await userByEmail("lin@initech.test"))!.username).toBe("lin-at-initech");
  });

  it("links a member whose address the provider verified, and keeps their password", async () => {
    const member = await createTestUser({ email: "ada@acme.test" });
    const res = await signIn("ada@acme.test");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(await linksOf(member.id)).toHaveLength(1);
    expect((await userByEmail("ada@acme.test"))!.password_hash).not.toBe("!sso");
  });

  it("does not link an existing member when the provider did not verify the address, and says what to do", async () => {
    const member = await createTestUser({ email: "bob+unverified@acme.test" });
    const users = await count("users");
    const res = await signIn("bob+unverified@acme.test");
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ problem: expect.stringContaining("has not verified that address, so we did not connect them") });
    expect(res.body).toMatchObject({ problem: expect.stringContaining("Sign in with your password") });
    expect(cookiePair(res.headers, "cocreate_session")).toBeUndefined();
    expect(await linksOf(member.id)).toHaveLength(0);
    expect(await count("users")).toBe(users);
  });

  it("connects the provider to the member signed in here, whatever its address", async () => {
    const member = await createTestUser({ email: "carol@example.com" });
    const { authUrl, cookie } = await begin("/settings");
    const loginAnswer = await answer(
      loginAction,
      new Request(`${FORUM}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login: "carol@example.com", password: TEST_PASSWORD }),
      }),
    );
    const session = cookiePair(loginAnswer.headers, "cocreate_session")!;
    const res = await finish(await atProvider(authUrl, "carol+unverified@other.test"), cookie, session);
    expect(res.status).toBe(302);
    expect(await linksOf(member.id)).toMatchObject([{ subject: "carol+unverified@other.test" }]);
  });

  it("creates one member when two callbacks for the same new identity arrive at once", async () => {
    const identity = {
      issuer: provider.issuer,
      subject: "twice@race.test",
      email: "twice@race.test",
      emailVerified: true,
      preferredUsername: "twice",
      name: null,
      accountClaim: null,
      planClaim: null,
      segmentClaim: null,
    };
    const [a, b] = await Promise.all([signInWithIdentity(identity), signInWithIdentity(identity)]);
    expect(a.userId).toBe(b.userId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await getDb().selectFrom("users").select("id").where("email", "=", "twice@race.test").execute()).toHaveLength(1);
  });

  it("proposes usernames that follow the username rule", () => {
    expect(usernameFrom({ preferredUsername: "José.Núñez", email: null, name: null })).toBe("jose-nunez");
    expect(usernameFrom({ preferredUsername: "", email: "x@acme.test", name: "Ann Lee" })).toBe("x-member");
    expect(usernameFrom({ preferredUsername: null, email: null, name: "李" })).toBe("member");
    expect(usernameFrom({ preferredUsername: "a".repeat(40), email: null, name: null })).toHaveLength(30);
  });
});

describe("a sign-in that can't go on", () => {
  const nothingWritten = async (run: () => Promise<{ status: number; headers: Headers; body: unknown }>, status: number, text: RegExp) => {
    const before = await Promise.all([count("users"), count("identity_links"), count("sessions")]);
    const res = await run();
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ problem: expect.stringMatching(text) });
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|Error:/);
    expect(cookiePair(res.headers, "cocreate_session")).toBeUndefined();
    expect(await Promise.all([count("users"), count("identity_links"), count("sessions")])).toEqual(before);
  };

  it("refuses a tampered state", async () => {
    const { authUrl, cookie } = await begin();
    const back = await atProvider(authUrl, "mallory@acme.test");
    back.searchParams.set("state", "tampered");
    const logged: string[] = [];
    const capture = (chunk: unknown) => (logged.push(String(chunk)), true);
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    try {
      await nothingWritten(() => finish(back, cookie), 400, /did not match the sign-in this browser started/);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    // One line says why, without the authorization code, the cookie or the client secret.
    expect(logged.join("")).toContain('"event":"sso.refused"');
    for (const secret of [back.searchParams.get("code")!, cookie.split("=")[1]!, TEST_CLIENT.secret]) {
      expect(logged.join("")).not.toContain(secret);
    }
  });

  it("refuses an ID token with another nonce than the one this browser sent", async () => {
    const { authUrl, cookie } = await begin();
    authUrl.searchParams.set("nonce", "someone-elses-nonce");
    await nothingWritten(async () => finish(await atProvider(authUrl, "mallory@acme.test"), cookie), 400, /did not match/);
  });

  it("refuses an answer without this browser's cookie, or with a forged one", async () => {
    const { authUrl, cookie } = await begin();
    const back = await atProvider(authUrl, "mallory@acme.test");
    await nothingWritten(() => finish(back, undefined), 400, /expired or was started in another browser/);
    await nothingWritten(() => finish(back, `${cookie.slice(0, -3)}abc`), 400, /expired or was started in another browser/);
  });

  it("refuses a flow cookie older than ten minutes", async () => {
    const { authUrl, cookie } = await begin();
    const back = await atProvider(authUrl, "mallory@acme.test");
    vi.useFakeTimers({ now: Date.now() + 11 * 60_000, toFake: ["Date"] });
    try {
      await nothingWritten(() => finish(back, cookie), 400, /expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says the provider refused when it answers with an error", async () => {
    const { authUrl, cookie } = await begin();
    const back = new URL(`${FORUM}/login/sso/callback`);
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("state", authUrl.searchParams.get("state")!);
    back.searchParams.set("iss", provider.issuer);
    await nothingWritten(() => finish(back, cookie), 400, /Signing in at Acme was cancelled or refused/);
  });

  it("answers 502 when the provider is down, at the start and on the way back", async () => {
    const { authUrl, cookie } = await begin();
    const back = await atProvider(authUrl, "mallory@acme.test");
    setSettings({ OIDC_ISSUER: "http://127.0.0.1:9" });
    await nothingWritten(() => answer(startLoader, new Request(`${FORUM}/login/sso`)), 502, /couldn't reach Acme to sign you in/);
    await nothingWritten(() => finish(back, cookie), 502, /couldn't reach Acme/);
  });
});

describe("OIDC_ONLY", () => {
  const post = (route: (args: Args) => Promise<unknown>, path: string, fields: Record<string, string>) =>
    answer(
      route,
      new Request(`${FORUM}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      }),
    );

  it("refuses password sign-in and sign-up to everyone but admins, and the sign-in page offers the company's account", async () => {
    const member = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    const memberEmail = (await getDb().selectFrom("users").select("email").where("id", "=", member.id).executeTakeFirstOrThrow()).email;
    const adminEmail = (await getDb().selectFrom("users").select("email").where("id", "=", admin.id).executeTakeFirstOrThrow()).email;
    setSettings({ ...ssoSettings, OIDC_ONLY: "1" });

    const refused = await post(loginAction, "/login", { login: memberEmail, password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errors: { form: "On this forum you sign in with Acme. Passwords are for administrators only." } });
    const adminIn = await post(loginAction, "/login", { login: adminEmail, password: TEST_PASSWORD });
    expect(adminIn.status).toBe(302);
    expect(cookiePair(adminIn.headers, "cocreate_session")).toBeDefined();

    const users = await count("users");
    const signup = await post(signupAction, "/signup", {
      username: "newcomer",
      email: "newcomer@example.com",
      password: "long enough password",
    });
    expect(signup.status).toBe(403);
    expect(await count("users")).toBe(users);

    expect((await answer(loginLoader, new Request(`${FORUM}/login`))).body).toEqual({ sso: { name: "Acme", only: true } });
  });
});

describe("removing a link and deleting an SSO account", () => {
  it("an admin sees and removes a member's link, audited; a member can't", async () => {
    await signIn("dora@acme.test");
    const user = (await userByEmail("dora@acme.test"))!;
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    expect(await identityLinksOf(admin, [user.id])).toMatchObject([{ issuer: provider.issuer, subject: "dora@acme.test" }]);
    expect(await refusalOf(() => removeIdentityLink(member, { issuer: provider.issuer, subject: "dora@acme.test" }))).toMatchObject({
      status: 403,
    });
    await removeIdentityLink(admin, { issuer: provider.issuer, subject: "dora@acme.test" });
    expect(await linksOf(user.id)).toHaveLength(0);
    const audit = await listAudit(admin, { action: "user.unlink_sso" });
    expect(audit.entries[0]).toMatchObject({ targetId: user.id });
  });

  it("a member the provider created deletes their account after a fresh sign-in there, not later", async () => {
    const first = await signIn("eve@acme.test");
    const session = cookiePair(first.headers, "cocreate_session")!;
    const user = (await userByEmail("eve@acme.test"))!;
    const remove = () =>
      answer(
        privacyAction,
        new Request(`${FORUM}/settings/privacy`, {
          method: "POST",
          headers: { Cookie: session, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "delete", confirm: user.username }),
        }),
      );
    vi.useFakeTimers({ now: Date.now() + 6 * 60_000, toFake: ["Date"] });
    try {
      const stale = await remove();
      expect(stale.status).toBe(400);
      expect(stale.body).toMatchObject({ errors: { password: expect.stringContaining("Sign in with your company account again") } });
      expect((await userByEmail("eve@acme.test"))!.deleted_at).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    const fresh = await remove();
    expect(fresh.status).toBe(302);
    const row = await getDb().selectFrom("users").select(["deleted_at", "email"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(await linksOf(user.id)).toHaveLength(0);
  });
});
