import type { Kysely, Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, ProductFollowLevel } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { ensure, Forbidden, NotFound, SignInRequired } from "./errors.server";
import { notify } from "./notification.server";

/** What happened in a product that its followers may hear of. */
export type ProductEvent = "thread" | "idea" | "status" | "announcement";

/** The follow levels that hear of each event: an announcement reaches every follower. */
const levelsHearing: Record<ProductEvent, ProductFollowLevel[]> = {
  thread: ["threads"],
  idea: ["threads", "ideas"],
  status: ["status"],
  announcement: ["threads", "ideas", "status"],
};

/** The members following `productId` who hear of `event`. */
export async function productFollowers(
  db: Kysely<Database> | Transaction<Database>,
  productId: number,
  event: ProductEvent,
): Promise<number[]> {
  const rows = await db
    .selectFrom("product_subscriptions")
    .select("user_id")
    .where("product_id", "=", productId)
    .where("level", "in", levelsHearing[event])
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

/**
 * Followers of the product who hear of `event` and have not muted the
 * thread it is about: a member who unwatched an idea hears nothing more of
 * it, however they follow its product.
 */
export async function productFollowersOfThread(
  trx: Transaction<Database>,
  thread: { id: number; product_id: number },
  event: ProductEvent,
): Promise<number[]> {
  const followers = await productFollowers(trx, thread.product_id, event);
  if (followers.length === 0) return [];
  const muted = await trx
    .selectFrom("subscriptions")
    .select("user_id")
    .where("thread_id", "=", thread.id)
    .where("level", "=", "muted")
    .execute();
  const mutedIds = new Set(muted.map((row) => row.user_id));
  return followers.filter((id) => !mutedIds.has(id));
}

/** How the member follows the product, or null. */
export async function getProductFollow(member: Actor, productId: number): Promise<ProductFollowLevel | null> {
  if (!member) return null;
  const row = await getDb()
    .selectFrom("product_subscriptions")
    .select("level")
    .where("user_id", "=", member.id)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  return row?.level ?? null;
}

/** Follow a product at a level, change the level, or stop following it (null). */
export async function setProductFollow(actor: Actor, productId: number, level: ProductFollowLevel | null): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to follow a product.");
  ensure(can.followProduct(actor), Forbidden, "You can't follow products.");
  const db = getDb();
  const product = await db.selectFrom("products").select("id").where("id", "=", productId).executeTakeFirst();
  ensure(product, NotFound, "We couldn't find that product.");
  if (level === null) {
    await db.deleteFrom("product_subscriptions").where("user_id", "=", actor.id).where("product_id", "=", productId).execute();
    return;
  }
  await db
    .insertInto("product_subscriptions")
    .values({ user_id: actor.id, product_id: productId, level, created_at: Date.now() })
    .onConflict((oc) => oc.columns(["user_id", "product_id"]).doUpdateSet({ level }))
    .execute();
}

/** A new thread tells the product's followers (a new idea also those who follow only ideas); never its author. */
export async function notifyProductFollowers(
  trx: Transaction<Database>,
  thread: { id: number; product_id: number; kind: string },
  authorId: number,
): Promise<void> {
  const recipients = await productFollowers(trx, thread.product_id, thread.kind === "idea" ? "idea" : "thread");
  if (recipients.length === 0) return;
  const product = await trx.selectFrom("products").select("name").where("id", "=", thread.product_id).executeTakeFirstOrThrow();
  await notify(trx, recipients, { kind: "new_thread", threadId: thread.id, actorId: authorId, detail: product.name });
}
