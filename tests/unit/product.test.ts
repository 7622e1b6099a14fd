import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createProduct, getProductById, listProducts, moveProduct, setProductArchived, updateProduct } from "~/models/product.server";
import { createThread } from "~/models/thread.server";
import { createTestProduct, createTestThread, createTestUser, getThreadRow, refusalOf, statusOf } from "./factories";

async function productRows() {
  return getDb().selectFrom("products").selectAll().orderBy("id").execute();
}

const input = (slug: string) => ({ name: `Name of ${slug}`, slug, description: `About ${slug}` });

describe("creating a product", () => {
  it("lets an admin create a product at the end of the list", async () => {
    const admin = await createTestUser({ role: "admin" });
    const first = await createProduct(admin, input("first-product"));
    const second = await createProduct(admin, input("second-product"));
    expect(await getProductById(first.id)).toMatchObject(input("first-product"));
    expect(second.position).toBeGreaterThan(first.position);
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
    ["a suspended admin", () => createTestUser({ role: "admin", suspendedUntil: Date.now() + 60_000 })],
  ])("is refused to %s with 403 and writes nothing", async (_who, makeActor) => {
    const actor = await makeActor();
    const before = await productRows();
    expect(await statusOf(() => createProduct(actor, input("not-allowed")))).toBe(403);
    expect(await productRows()).toEqual(before);
  });

  it("reports a duplicate slug as a field error and writes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createProduct(admin, input("taken"));
    const before = await productRows();
    const refusal = await refusalOf(() => createProduct(admin, { name: "Another", slug: "taken", description: "" }));
    expect(refusal).toMatchObject({ status: 400, fields: { slug: expect.any(String) } });
    expect(await productRows()).toEqual(before);
  });
});

describe("updating a product", () => {
  it("lets an admin rename a product and change its slug", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input("old-slug"));
    await updateProduct(admin, created.id, input("new-slug"));
    expect(await getProductById(created.id)).toMatchObject(input("new-slug"));
  });

  it("lets an admin keep a product's own slug", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input("keep-me"));
    await updateProduct(admin, created.id, { ...input("keep-me"), name: "Kept" });
    expect((await getProductById(created.id))?.name).toBe("Kept");
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403 and changes nothing", async (_who, makeActor) => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input(`guarded-${Math.random().toString(36).slice(2, 8)}`));
    const actor = await makeActor();
    expect(await statusOf(() => updateProduct(actor, created.id, input("hijacked")))).toBe(403);
    expect(await getProductById(created.id)).toEqual(created);
  });

  it("reports a slug used by another product as a field error and changes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createProduct(admin, input("occupied"));
    const created = await createProduct(admin, input("mine"));
    const before = await productRows();
    const refusal = await refusalOf(() => updateProduct(admin, created.id, input("occupied")));
    expect(refusal).toMatchObject({ status: 400, fields: { slug: expect.any(String) } });
    expect(await productRows()).toEqual(before);
  });

  it("answers 404 for an unknown product", async () => {
    const admin = await createTestUser({ role: "admin" });
    expect(await statusOf(() => updateProduct(admin, 999_999, input("nowhere")))).toBe(404);
  });
});

async function orderOfProducts(): Promise<number[]> {
  const rows = await getDb().selectFrom("products").select("id").orderBy("position").orderBy("name").orderBy("id").execute();
  return rows.map((r) => r.id);
}

async function auditActions(productId: number): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("audit_log")
    .select("action")
    .where("target_type", "=", "product")
    .where("target_id", "=", productId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("reordering products", () => {
  it("swaps a product with its neighbour, keeps every position unique and records who did it", async () => {
    const admin = await createTestUser({ role: "admin" });
    const a = await createTestProduct();
    const b = await createTestProduct();
    // An older row sharing b's position must not break the order.
    const c = await createTestProduct();
    const bPosition = (await getProductById(b))!.position;
    await getDb().updateTable("products").set({ position: bPosition }).where("id", "=", c).execute();
    const before = await orderOfProducts();

    await moveProduct(admin, b, "up");

    const after = await orderOfProducts();
    const i = before.indexOf(a);
    expect(after.slice(i, i + 2)).toEqual([b, a]);
    expect(after.filter((id) => id !== a && id !== b)).toEqual(before.filter((id) => id !== a && id !== b));
    const positions = (await getDb().selectFrom("products").select("position").execute()).map((r) => r.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(await auditActions(b)).toContain("product.move");

    await moveProduct(admin, b, "down");
    expect(await orderOfProducts()).toEqual(before);
  });

  it("refuses to move the first product up or the last one down with 409", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createTestProduct();
    const order = await orderOfProducts();
    expect(await statusOf(() => moveProduct(admin, order[0]!, "up"))).toBe(409);
    expect(await statusOf(() => moveProduct(admin, order.at(-1)!, "down"))).toBe(409);
    expect(await orderOfProducts()).toEqual(order);
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403", async (_who, makeActor) => {
    await createTestProduct();
    const order = await orderOfProducts();
    expect(await statusOf(async () => moveProduct(await makeActor(), order[1]!, "up"))).toBe(403);
    expect(await orderOfProducts()).toEqual(order);
  });
});

describe("archiving a product", () => {
  it("hides it from product lists but keeps its page and threads, and takes no new threads", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const productId = await createTestProduct({ slug: "retired-product" });
    const threadId = await createTestThread(member, { productId, title: "Still readable" });

    await setProductArchived(admin, productId, true);

    expect((await listProducts()).map((p) => p.id)).not.toContain(productId);
    expect((await listProducts({ includeArchived: true })).find((p) => p.id === productId)?.archivedAt).toEqual(expect.any(Number));
    expect((await getProductById(productId))?.archived_at).toEqual(expect.any(Number));
    expect((await getThreadRow(threadId)).product_id).toBe(productId);
    const threadsBefore = await getDb().selectFrom("threads").select("id").where("product_id", "=", productId).execute();
    expect(await statusOf(() => createThread(member, { productId, kind: "question", title: "Too late?", body: "Anyone?" }))).toBe(400);
    expect(await getDb().selectFrom("threads").select("id").where("product_id", "=", productId).execute()).toEqual(threadsBefore);
    expect(await auditActions(productId)).toEqual(["product.archive"]);
  });

  it("brings it back when unarchived", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const productId = await createTestProduct();
    await setProductArchived(admin, productId, true);
    await setProductArchived(admin, productId, false);
    expect((await listProducts()).map((p) => p.id)).toContain(productId);
    await expect(createThread(member, { productId, kind: "idea", title: "Welcome back", body: "Good." })).resolves.toEqual(
      expect.any(Number),
    );
    expect(await auditActions(productId)).toEqual(["product.archive", "product.unarchive"]);
  });

  it("answers 409 when the product already is archived, and 403 to staff", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    expect(await statusOf(() => setProductArchived(staff, productId, true))).toBe(403);
    expect((await getProductById(productId))?.archived_at).toBeNull();
    await setProductArchived(admin, productId, true);
    expect(await statusOf(() => setProductArchived(admin, productId, true))).toBe(409);
  });
});
