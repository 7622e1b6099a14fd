import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createApiToken, listApiTokens, revokeAllApiTokens, revokeApiToken, userFromApiToken } from "~/models/api-token.server";
import { createTestUser, statusOf } from "./factories";

const withToken = (token: string) => new Request("http://localhost/api/v1/x", { headers: { Authorization: `Bearer ${token}` } });

describe("personal API tokens", () => {
  it("identify their owner; only a hash is stored", async () => {
    const member = await createTestUser({ username: "token-owner" });
    const token = await createApiToken(member, "My script");
    expect(token).toMatch(/^cc_[A-Za-z0-9_-]{32}$/);
    expect((await userFromApiToken(withToken(token)))?.username).toBe("token-owner");
    const rows = await getDb().selectFrom("api_tokens").selectAll().where("user_id", "=", member.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.last_used_at).not.toBeNull();
    expect((await listApiTokens(member)).map((t) => [t.name, t.prefix])).toEqual([["My script", token.slice(0, 10)]]);
  });

  it("stop working once revoked; another member's token can't be revoked (404)", async () => {
    const member = await createTestUser();
    const other = await createTestUser();
    const token = await createApiToken(member, "CI");
    const [row] = await listApiTokens(member);
    expect(await statusOf(() => revokeApiToken(other, row!.id))).toBe(404);
    expect(await userFromApiToken(withToken(token))).not.toBeNull();
    await revokeApiToken(member, row!.id);
    expect(await userFromApiToken(withToken(token))).toBeNull();
  });

  it("reject malformed and unknown tokens, and visitors can't create them", async () => {
    for (const header of ["", "Bearer", "Bearer cc_short", `Basic ${"a".repeat(40)}`, `Bearer cc_${"x".repeat(32)}`]) {
      const request = new Request("http://localhost/", { headers: header ? { Authorization: header } : {} });
      expect(await userFromApiToken(request)).toBeNull();
    }
    expect(await statusOf(() => createApiToken(null, "x"))).toBe(403);
    const suspended = await createTestUser({ suspendedUntil: Date.now() + 3_600_000 });
    expect(await statusOf(() => createApiToken(suspended, "x"))).toBe(403);
  });

  it("may be given an expiry, after which they stop working and say so", async () => {
    const member = await createTestUser();
    const token = await createApiToken(member, "Quarterly report", 30);
    const [listed] = await listApiTokens(member);
    expect(listed?.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(listed?.expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    expect(await userFromApiToken(withToken(token))).not.toBeNull();

    await getDb()
      .updateTable("api_tokens")
      .set({ expires_at: Date.now() - 1 })
      .where("user_id", "=", member.id)
      .execute();
    expect(await userFromApiToken(withToken(token))).toBeNull();
    expect((await listApiTokens(member))[0]?.expiresAt).toBeLessThan(Date.now());
    const forever = await createApiToken(member, "Until revoked", null);
    expect((await listApiTokens(member))[0]?.expiresAt).toBeNull();
    expect(await userFromApiToken(withToken(forever))).not.toBeNull();
  });

  it("can all be revoked at once, the member's own only", async () => {
    const member = await createTestUser();
    const other = await createTestUser();
    const mine = [await createApiToken(member, "one"), await createApiToken(member, "two")];
    const theirs = await createApiToken(other, "theirs");
    expect(await revokeAllApiTokens(member)).toBe(2);
    for (const token of mine) expect(await userFromApiToken(withToken(token))).toBeNull();
    expect(await userFromApiToken(withToken(theirs))).not.toBeNull();
    expect(await statusOf(() => revokeAllApiTokens(null))).toBe(401);
  });
});
