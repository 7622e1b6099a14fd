import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { getUser, lucia, SESSION_IDLE_DAYS, SESSION_MAX_AGE_DAYS, startSession } from "~/auth/session.server";
import { createTestUser } from "./factories";

const DAY = 86_400_000;

function requestWith(sessionId: string | null): Request {
  const headers = sessionId ? { Cookie: `${lucia.sessionCookieName}=${sessionId}` } : undefined;
  return new Request("http://localhost/", { headers });
}

/** Signs in through the real sign-in path; returns the new session id from the cookie it sets. */
async function signIn(userId: number, existingSessionId: string | null = null): Promise<string> {
  const response = await startSession(requestWith(existingSessionId), userId, "/");
  const cookie = response.headers.get("Set-Cookie") ?? "";
  const id = lucia.readSessionCookie(cookie);
  if (!id) throw new Error("sign-in set no session cookie");
  return id;
}

const sessionRow = (id: string) => getDb().selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
const signedInAs = async (sessionId: string) => (await getUser(requestWith(sessionId)))?.id ?? null;

afterEach(() => {
  vi.useRealTimers();
});

describe("signing in", () => {
  it("always makes a new session id and ends the session the browser came with", async () => {
    const mallory = await createTestUser();
    const victim = await createTestUser();
    const planted = await signIn(mallory.id);

    const fresh = await signIn(victim.id, planted);

    expect(fresh).not.toBe(planted);
    expect(await sessionRow(planted)).toBeUndefined();
    expect(await signedInAs(planted)).toBeNull();
    expect(await signedInAs(fresh)).toBe(victim.id);
  });

  it("records when the session began", async () => {
    const user = await createTestUser();
    const before = Date.now();
    const row = await sessionRow(await signIn(user.id));
    expect(row?.created_at).toBeGreaterThanOrEqual(before);
    expect(row?.expires_at).toBeGreaterThanOrEqual(before + SESSION_IDLE_DAYS * DAY - 1000);
  });
});

describe("session expiry", () => {
  it(`ends a session left unused for ${SESSION_IDLE_DAYS} days, and deletes it`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const user = await createTestUser();
    const id = await signIn(user.id);

    vi.setSystemTime(start + (SESSION_IDLE_DAYS - 1) * DAY);
    expect(await signedInAs(id)).toBe(user.id);

    // Used on day 13, so it now runs until day 13 + 14; one day more is too late.
    vi.setSystemTime(start + 2 * SESSION_IDLE_DAYS * DAY);
    expect(await signedInAs(id)).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it(`ends a session ${SESSION_MAX_AGE_DAYS} days after sign-in even when it is used every day`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const user = await createTestUser();
    const id = await signIn(user.id);

    for (let day = 5; day < SESSION_MAX_AGE_DAYS; day += 5) {
      vi.setSystemTime(start + day * DAY);
      expect(await signedInAs(id), `day ${day}`).toBe(user.id);
    }
    vi.setSystemTime(start + SESSION_MAX_AGE_DAYS * DAY + 1000);
    expect(await signedInAs(id)).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it("the periodic clean-up removes sessions past either limit and keeps live ones", async () => {
    const user = await createTestUser();
    const live = await signIn(user.id);
    const idle = await signIn(user.id);
    const old = await signIn(user.id);
    await getDb()
      .updateTable("sessions")
      .set({ expires_at: Date.now() - 1 })
      .where("id", "=", idle)
      .execute();
    await getDb()
      .updateTable("sessions")
      .set({ created_at: Date.now() - SESSION_MAX_AGE_DAYS * DAY - 1 })
      .where("id", "=", old)
      .execute();

    await lucia.deleteExpiredSessions();

    expect(await sessionRow(live)).toBeDefined();
    expect(await sessionRow(idle)).toBeUndefined();
    expect(await sessionRow(old)).toBeUndefined();
  });
});
