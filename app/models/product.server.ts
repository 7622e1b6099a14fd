import { getDb } from "~db/client.server";
import type { Product } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound, refusingTaken } from "./errors.server";

export type ProductInput = { name: string; slug: string; description: string };

const SLUG_TAKEN = "Another product already uses this slug.";

/** The refusal of a slug another product has, or null; after a write the unique index refused, what it says. */
async function slugTaken(slug: string, exceptId: number | null = null): Promise<Invalid | null> {
  let query = getDb().selectFrom("products").select("id").where("slug", "=", slug);
  if (exceptId !== null) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) ? new Invalid("slug", SLUG_TAKEN) : null;
}

/**
 * Products in their display order, each with how many visible threads it holds.
 * Archived products are left out: people can no longer post in them. Only the
 * admin list asks for them too.
 */
export async function listProducts({ includeArchived = false } = {}) {
  return getDb()
    .selectFrom("products")
    .select([
      "products.id",
      "products.slug",
      "products.name",
      "products.description",
      "products.archived_at as archivedAt",
      "products.thread_count as threadCount",
    ])
    .$if(!includeArchived, (q) => q.where("products.archived_at", "is", null))
    .orderBy("position")
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function getProductBySlug(slug: string) {
  return getDb().selectFrom("products").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getProductById(id: number) {
  return getDb().selectFrom("products").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function createProduct(actor: Actor, input: ProductInput): Promise<Product> {
  ensure(actor && can.manageProducts(actor), Forbidden, "Only admins can create products.");
  const write = () =>
    getDb()
      .transaction()
      .execute(async (trx) => {
        const clash = await trx.selectFrom("products").select("id").where("slug", "=", input.slug).executeTakeFirst();
        ensure(!clash, Invalid, "slug", SLUG_TAKEN);
        const last = await trx
          .selectFrom("products")
          .select((eb) => eb.fn.max("position").as("max"))
          .executeTakeFirst();
        const product = await trx
          .insertInto("products")
          .values({ ...input, position: (last?.max ?? 0) + 1, created_at: Date.now() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actorId: actor.id,
          action: "product.create",
          targetType: "product",
          targetId: product.id,
          detail: product.name,
        });
        return product;
      });
  // Two admins creating the same slug at once: the unique index refuses the second, as the check would have.
  return refusingTaken(write, () => slugTaken(input.slug));
}

export async function updateProduct(actor: Actor, id: number, input: ProductInput): Promise<Product> {
  ensure(actor && can.manageProducts(actor), Forbidden, "Only admins can edit products.");
  const write = () =>
    getDb()
      .transaction()
      .execute(async (trx) => {
        const clash = await trx.selectFrom("products").select("id").where("slug", "=", input.slug).where("id", "!=", id).executeTakeFirst();
        ensure(!clash, Invalid, "slug", SLUG_TAKEN);
        const product = await trx.updateTable("products").set(input).where("id", "=", id).returningAll().executeTakeFirst();
        ensure(product, NotFound, "Product not found.");
        await recordAudit(trx, { actorId: actor.id, action: "product.update", targetType: "product", targetId: id, detail: product.name });
        return product;
      });
  return refusingTaken(write, () => slugTaken(input.slug, id));
}

/**
 * Swaps a product with its neighbour in the display order. Positions are
 * renumbered 1…n first, so older rows sharing a position still end up unique.
 */
export async function moveProduct(actor: Actor, id: number, direction: "up" | "down"): Promise<void> {
  ensure(actor && can.manageProducts(actor), Forbidden, "Only admins can reorder products.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const ordered = await trx.selectFrom("products").select(["id", "name"]).orderBy("position").orderBy("name").orderBy("id").execute();
      const index = ordered.findIndex((p) => p.id === id);
      const moved = ordered[index];
      ensure(moved, NotFound, "Product not found.");
      const other = direction === "up" ? index - 1 : index + 1;
      const neighbour = ordered[other];
      ensure(neighbour, Conflict, `That product is already ${direction === "up" ? "first" : "last"}.`);
      ordered[index] = neighbour;
      ordered[other] = moved;
      for (const [i, product] of ordered.entries()) {
        await trx
          .updateTable("products")
          .set({ position: i + 1 })
          .where("id", "=", product.id)
          .execute();
      }
      await recordAudit(trx, {
        actorId: actor.id,
        action: "product.move",
        targetType: "product",
        targetId: id,
        detail: `${moved.name} moved ${direction}, past ${neighbour.name}`,
      });
    });
}

/**
 * An archived product disappears from lists and pickers and takes no new
 * threads; its page and threads stay readable at their addresses.
 */
export async function setProductArchived(actor: Actor, id: number, archived: boolean): Promise<void> {
  ensure(actor && can.manageProducts(actor), Forbidden, "Only admins can archive products.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const product = await trx.selectFrom("products").select(["name", "archived_at"]).where("id", "=", id).executeTakeFirst();
      ensure(product, NotFound, "Product not found.");
      ensure((product.archived_at !== null) !== archived, Conflict, `That product is already ${archived ? "archived" : "active"}.`);
      await trx
        .updateTable("products")
        .set({ archived_at: archived ? Date.now() : null })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: archived ? "product.archive" : "product.unarchive",
        targetType: "product",
        targetId: id,
        detail: product.name,
      });
    });
}
