import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, settings } from "~/config.server";

// Issue 15: settings were read in 10 files with 4 parsers; a typo in RATE_LIMIT_REPLIES stopped the server, a typo
// in NEW_MEMBER_REPLIES_PER_DAY was silently ignored. Every setting is now declared once and checked at start.

/** The message a bad environment stops the server with. */
function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("the settings", () => {
  it("start with their documented defaults when nothing is set", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: "data/cocreate.db",
      PUBLIC_URL: "http://localhost:3000",
      SEED_DEMO: false,
      PAGE_CACHE: true,
      MAX_BODY_BYTES: 1_048_576,
      NEW_MEMBER_REPLIES_PER_DAY: 10,
      RATE_LIMIT_REPLIES: { points: 30, seconds: 600 },
    });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.TRUST_PROXY).toBeUndefined();
    // Every declared default is a value its own setting accepts.
    for (const [name, declaration] of Object.entries(settings)) {
      if ("default" in declaration) expect(problem({ [name]: declaration.default }), name).toBe("");
    }
  });

  it("read what is typed: numbers, switches, limits, proxies and the public address", () => {
    const config = parseConfig({
      PORT: "4000",
      PAGE_CACHE: "off",
      WEBHOOK_ALLOW_PRIVATE: "1",
      NEW_MEMBER_HOURS: "0.5",
      RATE_LIMIT_READS: " 600/60 ",
      TRUST_PROXY: "1",
      PUBLIC_URL: "https://forum.example.com/",
    });
    expect(config).toMatchObject({
      PORT: 4000,
      PAGE_CACHE: false,
      WEBHOOK_ALLOW_PRIVATE: true,
      NEW_MEMBER_HOURS: 0.5,
      RATE_LIMIT_READS: { points: 600, seconds: 60 },
      TRUST_PROXY: 1,
      PUBLIC_URL: "https://forum.example.com",
    });
    expect(parseConfig({ PORT: "4000" }).PUBLIC_URL).toBe("http://localhost:4000");
    expect(parseConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toBe("loopback,10.0.0.0/8");
    expect(parseConfig({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it.each([
    [{ NEW_MEMBER_REPLIES_PER_DAY: "ten" }, 'NEW_MEMBER_REPLIES_PER_DAY must be a whole number, 0 or more, not "ten".'],
    [{ RATE_LIMIT_REPLIES: "thirty" }, 'RATE_LIMIT_REPLIES must look like 30/600 (at most 30 per 600 seconds), not "thirty".'],
    [{ PORT: "80a" }, 'PORT must be a port number from 0 to 65535, not "80a".'],
    [{ PORT: "70000" }, 'PORT must be a port number from 0 to 65535, not "70000".'],
    [{ MAX_BODY_BYTES: "100" }, 'MAX_BODY_BYTES must be a number of bytes, at least 1024, not "100".'],
    [{ PAGE_CACHE: "maybe" }, 'PAGE_CACHE must be on or off, not "maybe".'],
    [{ PAGE_CACHE_TTL_SECONDS: "0" }, 'PAGE_CACHE_TTL_SECONDS must be a number of seconds above 0, not "0".'],
    [{ FLAG_HIDE_THRESHOLD: "-1" }, 'FLAG_HIDE_THRESHOLD must be a whole number, at least 1, not "-1".'],
    [{ TRUST_PROXY: "true" }, expect.stringMatching(/^TRUST_PROXY must be the number of proxies in front of the server .*, not "true"\.$/)],
    [{ PUBLIC_URL: "forum.example.com" }, expect.stringMatching(/^PUBLIC_URL must be the site's address starting with http/)],
  ])("%o stops the server with one line naming it and what it accepts", (env, message) => {
    expect(problem(env)).toEqual(message);
  });

  it("never repeat a secret's value in the message", () => {
    const message = problem({
      DATABASE_URL: "mysql://app:hunter2hunter2@db.example.com/forum",
      SMTP_URL: "http://mailer:hunter2hunter2@mail.example.com",
      SESSION_SECRET: "hunter2",
    });
    expect(message.split("\n")).toEqual([
      expect.stringMatching(
        /^DATABASE_URL must be a PostgreSQL URL like postgres:\/\/.*\(the value is not repeated: it may hold a password\)\.$/,
      ),
      expect.stringMatching(/^SMTP_URL must be an SMTP address like smtp:\/\/.*\(the value is not repeated: it may hold a password\)\.$/),
      expect.stringMatching(/^SESSION_SECRET must be at least 16 characters/),
    ]);
    expect(message).not.toContain("hunter2");
  });

  it("name every bad setting, one line each", () => {
    expect(problem({ PORT: "x", BACKGROUND_POLL_MS: "5" }).split("\n")).toEqual([
      'PORT must be a port number from 0 to 65535, not "x".',
      'BACKGROUND_POLL_MS must be a whole number of milliseconds, at least 100, not "5".',
    ]);
  });

  it("take the company sign-in's three settings together or not at all, and OIDC_ONLY only with them", () => {
    const trio = { OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "forum", OIDC_CLIENT_SECRET: "s3cret-s3cret" };
    expect(parseConfig(trio)).toMatchObject({ ...trio, OIDC_NAME: "your company account", OIDC_ONLY: false });
    expect(parseConfig({ ...trio, OIDC_ONLY: "1" }).OIDC_ONLY).toBe(true);
    expect(parseConfig({}).OIDC_ISSUER).toBeUndefined();
    const partial = problem({ OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_SECRET: "s3cret-s3cret" });
    expect(partial).toBe(
      "OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET go together: set all three to offer sign-in with the company's account, or none (OIDC_CLIENT_ID missing).",
    );
    expect(partial).not.toContain("s3cret");
    expect(problem({ OIDC_ONLY: "1" })).toMatch(/^OIDC_ONLY=1 needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(problem({ ...trio, OIDC_ISSUER: "login.example.com" })).toMatch(/^OIDC_ISSUER must be the provider's issuer URL/);
  });
});
