import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "~/config.server";
import { checkSignIn as signIn } from "~/auth/sign-in.server";
import { DomainError } from "~/models/errors.server";
import { refusalHeaders, refusalStatus } from "~/http/refusals.server";
import { consume, inWords, resetRateLimits } from "~/http/rate-limit.server";
import { RateLimiterDatabase } from "~/http/rate-limit-store.server";
import { createTestUser, TEST_PASSWORD } from "./factories";
import { restoreSettings, setSettings } from "./settings";

/** A sign-in as the form answers it: the account, or the refusal's status, message and headers. */
async function checkSignIn(ip: string, login: string, password: string) {
  try {
    return { ok: true as const, userId: await signIn(ip, login, password) };
  } catch (refusal) {
    if (!(refusal instanceof DomainError)) throw refusal;
    return { ok: false as const, status: refusalStatus(refusal), message: refusal.message, headers: refusalHeaders(refusal) };
  }
}

beforeEach(() => resetRateLimits());
afterEach(async () => {
  vi.useRealTimers();
  restoreSettings();
  await resetRateLimits();
});

describe("telling people when to come back", () => {
  it.each([
    [1, "in 1 second"],
    [45, "in 45 seconds"],
    [60, "in 1 minute"],
    [61, "in 2 minutes"],
    [3540, "in 59 minutes"],
    [3599, "in 1 hour"],
    [3600, "in 1 hour"],
    [86_400, "in 24 hours"],
  ])("%i seconds reads %s", (seconds, words) => {
    expect(inWords(seconds)).toBe(words);
  });
});

describe("configuration", () => {
  it("takes points/seconds from the environment", async () => {
    setSettings({ RATE_LIMIT_REPLIES: "2/600" });
    expect(await consume("replies", 1)).toBeNull();
    expect(await consume("replies", 1)).toBeNull();
    const third = await consume("replies", 1);
    expect(third?.retryAfter).toBeGreaterThan(590);
    expect(third?.retryAfter).toBeLessThanOrEqual(600);
    expect(third?.when).toBe("in 10 minutes");
    // Another member has a count of their own.
    expect(await consume("replies", 2)).toBeNull();
  });

  it("stops the server at start on a value it cannot read", () => {
    expect(() => parseConfig({ RATE_LIMIT_REPLIES: "thirty" })).toThrow(
      'RATE_LIMIT_REPLIES must look like 30/600 (at most 30 per 600 seconds), not "thirty".',
    );
    expect(() => parseConfig({ RATE_LIMIT_REPLIES: "0/60" })).toThrow(/RATE_LIMIT_REPLIES/);
  });
});

describe("limits shared by every process", () => {
  it("counts one key once however many processes count it at once", async () => {
    // Two limiters on the database stand for two processes; twelve requests at once, five allowed.
    const processes = [0, 1].map(() => new RateLimiterDatabase({ keyPrefix: "shared", points: 5, duration: 60 }));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => processes[i % 2]!.consume("member-7")));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    expect((await processes[1]!.get("member-7"))?.consumedPoints).toBe(12);
  });

  it("starts a new window once the old one has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = new RateLimiterDatabase({ keyPrefix: "window", points: 1, duration: 10 });
    await limiter.consume("k");
    await expect(limiter.consume("k")).rejects.toMatchObject({ consumedPoints: 2 });
    vi.advanceTimersByTime(10_001);
    await expect(limiter.consume("k")).resolves.toMatchObject({ consumedPoints: 1 });
  });
});

describe("sign-in throttling", () => {
  const IP = "192.0.2.1";

  it("locks an account after five failures in a row, for a minute, then twice as long each time", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    await createTestUser({ email: "locked@example.com" });
    const fail = () => checkSignIn(IP, "locked@example.com", "wrong password");

    for (let i = 0; i < 4; i++) expect(await fail()).toMatchObject({ ok: false, status: 400 });
    const first = await fail();
    expect(first).toMatchObject({ ok: false, status: 429, headers: { "Retry-After": "60" } });
    expect(first.ok ? "" : first.message).toContain("please try again in 1 minute");

    // While locked, even the right password is not checked.
    expect(await checkSignIn(IP, "locked@example.com", TEST_PASSWORD)).toMatchObject({ ok: false, status: 429 });

    vi.advanceTimersByTime(61_000);
    for (let i = 0; i < 4; i++) expect(await fail()).toMatchObject({ status: 400 });
    expect(await fail()).toMatchObject({ status: 429, headers: { "Retry-After": "120" } });

    vi.advanceTimersByTime(121_000);
    for (let i = 0; i < 4; i++) await fail();
    expect(await fail()).toMatchObject({ status: 429, headers: { "Retry-After": "240" } });
  });

  it("a successful sign-in clears the failures", async () => {
    const user = await createTestUser({ email: "forgetful@example.com" });
    for (let i = 0; i < 4; i++) await checkSignIn(IP, "forgetful@example.com", "wrong password");
    expect(await checkSignIn(IP, "forgetful@example.com", TEST_PASSWORD)).toEqual({ ok: true, userId: user.id });
    for (let i = 0; i < 4; i++) expect(await checkSignIn(IP, "forgetful@example.com", "wrong")).toMatchObject({ status: 400 });
  });

  it("treats an unknown account exactly like a real one, so locks reveal nothing", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await checkSignIn("192.0.2.9", "nobody-here@example.com", "guess"));
    expect(answers.map((a) => (a.ok ? 200 : a.status))).toEqual([400, 400, 400, 400, 429]);
  });

  it("counts the account by what was typed, in any case", async () => {
    await createTestUser({ email: "casey@example.com" });
    for (let i = 0; i < 4; i++) await checkSignIn(IP, "casey@example.com", "wrong");
    expect(await checkSignIn(IP, "  CASEY@Example.com ", "wrong")).toMatchObject({ status: 429 });
  });

  it("blocks an address after many failures across accounts, but not other addresses", async () => {
    setSettings({ RATE_LIMIT_SIGNIN_IP: "3/900" });
    const user = await createTestUser({ email: "spray-target@example.com" });
    for (const login of ["a@example.com", "b@example.com", "c@example.com"]) {
      expect(await checkSignIn("198.51.100.7", login, "guess")).toMatchObject({ status: 400 });
    }
    expect(await checkSignIn("198.51.100.7", "spray-target@example.com", TEST_PASSWORD)).toMatchObject({ status: 429 });
    expect(await checkSignIn("198.51.100.8", "spray-target@example.com", TEST_PASSWORD)).toEqual({ ok: true, userId: user.id });
  });
});
