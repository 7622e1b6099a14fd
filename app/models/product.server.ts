import { getDb } from "~db/client.server";
import type { Product } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { invariantResponse } from "~/utils/http";
import type { FieldErrors } from "~/utils/validation";

export type ProductInput = { name: string; slug: string; description: string };
export type ProductResult = { ok: true; product: Product } | { ok: false; errors: FieldErrors };

/** Products in their display order, each with how many visible threads it holds. */
export async function listProducts() {
  return getDb()
    .selectFrom("products")
    .select((eb) => [
      "products.id",
      "products.slug",
      "products.name",
      "products.description",
      eb
        .selectFrom("threads")
        .select((t) => t.fn.countAll<number>().as("n"))
        .whereRef("threads.product_id", "=", "products.id")
        .where("threads.hidden_at", "is", null)
        .as("threadCount"),
    ])
    .orderBy("position")
    .orderBy("name")
    .execute();
}

export async function getProductBySlug(slug: string) {
  return getDb().selectFrom("products").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getProductById(id: number) {
  return getDb().selectFrom("products").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function createProduct(actor: Actor, input: ProductInput): Promise<ProductResult> {
  invariantResponse(can.manageProducts(actor), "Only admins can create products.", { status: 403 });
  const db = getDb();
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("products").select("id").where("slug", "=", input.slug).executeTakeFirst()) {
      return { ok: false, errors: { slug: "Another product already uses this slug." } };
    }
    const last = await trx
      .selectFrom("products")
      .select((eb) => eb.fn.max("position").as("max"))
      .executeTakeFirst();
    const product = await trx
      .insertInto("products")
      .values({ ...input, position: (last?.max ?? 0) + 1, created_at: Date.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, product };
  });
}

export async function updateProduct(actor: Actor, id: number, input: ProductInput): Promise<ProductResult> {
  invariantResponse(can.manageProducts(actor), "Only admins can edit products.", { status: 403 });
  const db = getDb();
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom("products")
      .select("id")
      .where("slug", "=", input.slug)
      .where("id", "!=", id)
      .executeTakeFirst();
    if (clash) return { ok: false, errors: { slug: "Another product already uses this slug." } };
    const product = await trx
      .updateTable("products")
      .set(input)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    invariantResponse(product, "Product not found.", { status: 404 });
    return { ok: true, product };
  });
}
