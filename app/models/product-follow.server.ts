import type { Kysely, Transaction } from "kysely";
import type { Database, ProductFollowLevel } from "~db/schema";

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
