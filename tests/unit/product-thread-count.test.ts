import { describe, expect, it } from "vitest";
import { deleteContent, hideContent, moveThread, restoreContent, unhideContent } from "~/models/moderation.server";
import { listProducts } from "~/models/product.server";
import { createTestProduct, createTestThread, createTestUser } from "./factories";

async function threadCountOf(productId: number) {
  return (await listProducts({ includeArchived: true })).find((p) => p.id === productId)?.threadCount;
}

describe("a product's thread count (home page, /admin/products)", () => {
  it("leaves out a deleted thread and counts it again once restored", async () => {
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const kept = await createTestThread(staff, { productId });
    const deleted = await createTestThread(staff, { productId });
    expect(await threadCountOf(productId)).toBe(2);

    await deleteContent(staff, { type: "thread", id: deleted }, "Spam");
    expect(await threadCountOf(productId)).toBe(1);
    await restoreContent(staff, { type: "thread", id: deleted });
    expect(await threadCountOf(productId)).toBe(2);
    expect(kept).not.toBe(deleted);
  });

  it("counts a thread that is both hidden and deleted once it is neither", async () => {
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const threadId = await createTestThread(staff, { productId });
    await hideContent(staff, { type: "thread", id: threadId }, "Checking");
    await deleteContent(staff, { type: "thread", id: threadId }, "Spam");
    await unhideContent(staff, { type: "thread", id: threadId });
    expect(await threadCountOf(productId)).toBe(0);
    await restoreContent(staff, { type: "thread", id: threadId });
    expect(await threadCountOf(productId)).toBe(1);
  });

  it("moving a deleted thread changes neither product's count", async () => {
    const staff = await createTestUser({ role: "staff" });
    const [from, to] = [await createTestProduct(), await createTestProduct()];
    const threadId = await createTestThread(staff, { productId: from });
    await deleteContent(staff, { type: "thread", id: threadId }, "Spam");
    await moveThread(staff, threadId, to);
    expect([await threadCountOf(from), await threadCountOf(to)]).toEqual([0, 0]);
  });
});
