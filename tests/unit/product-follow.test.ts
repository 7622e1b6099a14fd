import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { getProductFollow, setProductFollow } from "~/models/product-follow.server";
import { setWatching } from "~/models/subscription.server";
import { createTestProduct, createTestThread, createTestUser, statusOf } from "./factories";

const notified = async (userId: number, kind: "new_thread" | "status_changed") =>
  (await getDb().selectFrom("notifications").select("thread_id").where("user_id", "=", userId).where("kind", "=", kind).execute()).map(
    (row) => row.thread_id,
  );

describe("following a product", () => {
  it("tells followers of new threads, ideas-only followers of new ideas only, and never the author", async () => {
    const product = await createTestProduct();
    const [everything, ideas, status] = [await createTestUser(), await createTestUser(), await createTestUser()];
    await setProductFollow(everything, product, "threads");
    await setProductFollow(ideas, product, "ideas");
    await setProductFollow(status, product, "status");
    const discussion = await createTestThread(everything, { productId: product, kind: "discussion" });
    const idea = await createTestThread(await createTestUser(), { productId: product, kind: "idea" });
    expect(await notified(everything.id, "new_thread")).toEqual([idea]);
    expect(await notified(ideas.id, "new_thread")).toEqual([idea]);
    expect(await notified(status.id, "new_thread")).toEqual([]);
    expect(discussion).toBeGreaterThan(0);
    // Another product's threads tell nobody here.
    await createTestThread(await createTestUser());
    expect(await notified(everything.id, "new_thread")).toEqual([idea]);
  });

  it("tells status followers of status changes, unless they muted that idea", async () => {
    const product = await createTestProduct();
    const [follower, muter] = [await createTestUser(), await createTestUser()];
    const staff = await createTestUser({ role: "staff" });
    await setProductFollow(follower, product, "status");
    await setProductFollow(muter, product, "status");
    const idea = await createTestThread(await createTestUser(), { productId: product, kind: "idea" });
    await setWatching(muter, idea, false);
    await setIdeaStatus(staff, idea, { status: "under_review", note: "" });
    expect(await notified(follower.id, "status_changed")).toEqual([idea]);
    expect(await notified(muter.id, "status_changed")).toEqual([]);
  });

  it("changes the level, stops, and refuses visitors and unknown products", async () => {
    const product = await createTestProduct();
    const member = await createTestUser();
    await setProductFollow(member, product, "threads");
    await setProductFollow(member, product, "ideas");
    expect(await getProductFollow(member, product)).toBe("ideas");
    await setProductFollow(member, product, null);
    expect(await getProductFollow(member, product)).toBeNull();
    expect(await statusOf(() => setProductFollow(null, product, "threads"))).toBe(401);
    expect(await statusOf(() => setProductFollow(member, 999_999, "threads"))).toBe(404);
  });
});
