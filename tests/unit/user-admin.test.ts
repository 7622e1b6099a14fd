import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import type { Role } from "~db/schema";
import { changeRole, searchUsers, USERS_PAGE_SIZE } from "~/models/user.server";
import { createTestUser, statusOf } from "./factories";

async function roleOf(id: number): Promise<Role> {
  return (await getDb().selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;
}

async function roleAudit(targetId: number) {
  return getDb()
    .selectFrom("audit_log")
    .select(["actor_id", "action", "detail"])
    .where("target_type", "=", "user")
    .where("target_id", "=", targetId)
    .orderBy("id")
    .execute();
}

describe("changing a role", () => {
  it("lets an admin grant and revoke staff, each change in the audit log", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    await changeRole(admin, member.id, "staff");
    expect(await roleOf(member.id)).toBe("staff");
    await changeRole(admin, member.id, "member");
    expect(await roleOf(member.id)).toBe("member");
    expect(await roleAudit(member.id)).toEqual([
      { actor_id: admin.id, action: "user.role", detail: "member → staff" },
      { actor_id: admin.id, action: "user.role", detail: "staff → member" },
    ]);
  });

  it("lets an admin make another admin and demote an admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const other = await createTestUser({ role: "staff" });
    await changeRole(admin, other.id, "admin");
    expect(await roleOf(other.id)).toBe("admin");
    await changeRole(admin, other.id, "staff");
    expect(await roleOf(other.id)).toBe("staff");
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
    ["a suspended admin", () => createTestUser({ role: "admin", suspendedUntil: Date.now() + 60_000 })],
  ])("is refused to %s with 403 and changes nothing", async (_who, makeActor) => {
    const actor = await makeActor();
    const member = await createTestUser();
    expect(await statusOf(() => changeRole(actor, member.id, "staff"))).toBe(403);
    expect(await roleOf(member.id)).toBe("member");
    expect(await roleAudit(member.id)).toEqual([]);
  });

  it("never changes the acting admin's own role", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestUser({ role: "admin" });
    expect(await statusOf(() => changeRole(admin, admin.id, "member"))).toBe(403);
    expect(await roleOf(admin.id)).toBe("admin");
    expect(await roleAudit(admin.id)).toEqual([]);
  });

  it("keeps the last admin an admin (409)", async () => {
    // Two admins demote each other from sessions opened while both were admins.
    await getDb().updateTable("users").set({ role: "member" }).where("role", "=", "admin").execute();
    const first = await createTestUser({ role: "admin" });
    const second = await createTestUser({ role: "admin" });
    await changeRole(first, second.id, "member");
    expect(await statusOf(() => changeRole(second, first.id, "member"))).toBe(409);
    expect(await roleOf(first.id)).toBe("admin");
    expect(await roleAudit(first.id)).toEqual([]);
  });

  it("answers 404 for an unknown user and 409 for the role they already have", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    expect(await statusOf(() => changeRole(admin, 999_999, "staff"))).toBe(404);
    expect(await statusOf(() => changeRole(admin, staff.id, "staff"))).toBe(409);
  });
});

describe("the admin's user list", () => {
  it("finds people by part of their username, email or display name, case-insensitively", async () => {
    const admin = await createTestUser({ role: "admin" });
    const byName = await createTestUser({ username: "zelda-finder" });
    const byEmail = await createTestUser({ username: "plainuser", email: "Unusual.Box@example.org" });
    const byDisplay = await createTestUser({ username: "another" });
    await getDb().updateTable("users").set({ display_name: "Zebulon Quill" }).where("id", "=", byDisplay.id).execute();
    const ids = async (q: string) => (await searchUsers(admin, { q })).users.map((u) => u.id);
    expect(await ids("ZELDA")).toEqual([byName.id]);
    expect(await ids("unusual.box")).toEqual([byEmail.id]);
    expect(await ids("quill")).toEqual([byDisplay.id]);
    expect(await ids("100%")).toEqual([]);
  });

  it("shows role, join date and suspension, newest first, a page at a time", async () => {
    const admin = await createTestUser({ role: "admin" });
    const suspended = await createTestUser({ username: "pagedsuspended", suspendedUntil: Date.now() + 60_000 });
    for (let i = 0; i < USERS_PAGE_SIZE; i++) await createTestUser({ username: `paged${i}` });
    const first = await searchUsers(admin, { q: "paged" });
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.hasNextPage).toBe(true);
    expect(first.users[0]).toMatchObject({ username: `paged${USERS_PAGE_SIZE - 1}`, role: "member", suspended: false });
    const second = await searchUsers(admin, { q: "paged", page: 2 });
    expect(second.users).toEqual([expect.objectContaining({ id: suspended.id, suspended: true, joinedAt: expect.any(Number) })]);
    expect(second.hasNextPage).toBe(false);
  });

  it("is for admins only", async () => {
    const staff = await createTestUser({ role: "staff" });
    expect(await statusOf(() => searchUsers(staff))).toBe(403);
  });
});
