import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createProduct, getProductById, updateProduct } from "~/models/product.server";
import { createTestUser, statusOf } from "./factories";

async function productRows() {
  return getDb().selectFrom("products").selectAll().orderBy("id").execute();
}

const input = (slug: string) => ({ name: `Name of ${slug}`, slug, description: `About ${slug}` });

describe("creating a product", () => {
  it("lets an admin create a product at the end of the list", async () => {
    const admin = await createTestUser({ role: "admin" });
    const first = await createProduct(admin, input("first-product"));
    const second = await createProduct(admin, input("second-product"));
    if (!first.ok || !second.ok) throw new Error("expected both products to be created");
    expect(await getProductById(first.product.id)).toMatchObject(input("first-product"));
    expect(second.product.position).toBeGreaterThan(first.product.position);
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
    const result = await createProduct(admin, { name: "Another", slug: "taken", description: "" });
    expect(result).toEqual({ ok: false, errors: { slug: expect.any(String) } });
    expect(await productRows()).toEqual(before);
  });
});

describe("updating a product", () => {
  it("lets an admin rename a product and change its slug", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input("old-slug"));
    if (!created.ok) throw new Error("expected the product to be created");
    const result = await updateProduct(admin, created.product.id, input("new-slug"));
    expect(result.ok).toBe(true);
    expect(await getProductById(created.product.id)).toMatchObject(input("new-slug"));
  });

  it("lets an admin keep a product's own slug", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input("keep-me"));
    if (!created.ok) throw new Error("expected the product to be created");
    const result = await updateProduct(admin, created.product.id, { ...input("keep-me"), name: "Kept" });
    expect(result.ok).toBe(true);
    expect((await getProductById(created.product.id))?.name).toBe("Kept");
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403 and changes nothing", async (_who, makeActor) => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createProduct(admin, input(`guarded-${Math.random().toString(36).slice(2, 8)}`));
    if (!created.ok) throw new Error("expected the product to be created");
    const actor = await makeActor();
    expect(await statusOf(() => updateProduct(actor, created.product.id, input("hijacked")))).toBe(403);
    expect(await getProductById(created.product.id)).toEqual(created.product);
  });

  it("reports a slug used by another product as a field error and changes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createProduct(admin, input("occupied"));
    const created = await createProduct(admin, input("mine"));
    if (!created.ok) throw new Error("expected the product to be created");
    const before = await productRows();
    const result = await updateProduct(admin, created.product.id, input("occupied"));
    expect(result).toEqual({ ok: false, errors: { slug: expect.any(String) } });
    expect(await productRows()).toEqual(before);
  });

  it("answers 404 for an unknown product", async () => {
    const admin = await createTestUser({ role: "admin" });
    expect(await statusOf(() => updateProduct(admin, 999_999, input("nowhere")))).toBe(404);
  });
});
