import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listAnnouncements, unpinAnnouncement } from "~/models/announcement.server";
import { createReply } from "~/models/post.server";
import { createThread, type AnnouncementInput } from "~/models/thread.server";
import { createTestProduct, createTestUser, statusOf, type TestActor } from "./factories";

const announce = (actor: TestActor, productId: number, announcement: Partial<AnnouncementInput> = {}) =>
  createThread(actor, {
    productId,
    kind: "discussion",
    title: "Ledger 5.0 is out",
    body: "What is new in **5.0**.",
    announcement: { scope: "product", expiresAt: null, repliesOn: true, ...announcement },
  });

describe("announcements", () => {
  it("staff post one: pinned over its product's list, not another's nor the home page; followers are notified and emailed", async () => {
    const staff = await createTestUser({ role: "staff" });
    const follower = await createTestUser();
    const productId = await createTestProduct();
    const elsewhere = await createTestProduct();
    await getDb()
      .insertInto("product_subscriptions")
      .values({ user_id: follower.id, product_id: productId, level: "status", created_at: Date.now() })
      .execute();
    const id = await announce(staff, productId);
    expect((await listAnnouncements(null, productId)).map((a) => a.id)).toContain(id);
    expect((await listAnnouncements(null, elsewhere)).map((a) => a.id)).not.toContain(id);
    expect((await listAnnouncements(null, null)).map((a) => a.id)).not.toContain(id);
    const told = await getDb()
      .selectFrom("notifications")
      .select("user_id")
      .where("thread_id", "=", id)
      .where("kind", "=", "announcement")
      .execute();
    expect(told.map((n) => n.user_id)).toEqual([follower.id]);
    const mail = await getDb().selectFrom("email_outbox").select("subject").where("user_id", "=", follower.id).execute();
    expect(mail.map((m) => m.subject).join()).toContain("Announcement: “Ledger 5.0 is out”");
  });

  it("a site-wide one is pinned everywhere until it expires or staff unpin it", async () => {
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const other = await createTestProduct();
    const id = await announce(staff, productId, { scope: "site", expiresAt: Date.now() + 86_400_000 });
    for (const scope of [productId, other, null]) expect((await listAnnouncements(null, scope)).map((a) => a.id)).toContain(id);
    expect((await listAnnouncements(null, null, Date.now() + 2 * 86_400_000)).map((a) => a.id)).not.toContain(id);
    expect(await statusOf(async () => unpinAnnouncement(await createTestUser(), id))).toBe(403);
    await unpinAnnouncement(staff, id);
    expect((await listAnnouncements(null, null)).map((a) => a.id)).not.toContain(id);
    const audit = await getDb().selectFrom("audit_log").select("action").where("target_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["announcement.post", "announcement.unpin"]);
  });

  it("members can't post one; with replies off members can't reply; an expiry in the past is refused", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const productId = await createTestProduct();
    expect(await statusOf(() => announce(member, productId))).toBe(403);
    const closed = await announce(staff, productId, { repliesOn: false });
    expect(await statusOf(() => createReply(member, closed, "Great news"))).toBe(403);
    expect(await statusOf(() => announce(staff, productId, { expiresAt: Date.now() - 1 }))).toBe(400);
  });
});
