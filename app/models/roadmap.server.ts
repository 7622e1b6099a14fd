import { getDb } from "~db/client.server";
import { creditsByThread } from "./idea.server";

/** Shipped ideas stay on the roadmap this long; older ones live on in the changelog. */
export const RECENTLY_SHIPPED_DAYS = 90;
const PER_COLUMN = 50;

/**
 * The public roadmap: planned and in-progress ideas by votes, and recently
 * shipped ones newest first, each with its co-designers. Hidden, deleted and
 * merged ideas never appear.
 */
export async function getRoadmap(filter: { productId?: number | null } = {}, now = Date.now()) {
  const base = () => {
    let query = getDb()
      .selectFrom("threads")
      .innerJoin("products", "products.id", "threads.product_id")
      .select([
        "threads.id",
        "threads.title",
        "threads.status",
        "threads.vote_count as voteCount",
        "threads.co_designed_at as coDesignedAt",
        "threads.status_changed_at as statusChangedAt",
        "products.slug as productSlug",
        "products.name as productName",
      ])
      .where("threads.kind", "=", "idea")
      .where("threads.hidden_at", "is", null)
      .where("threads.deleted_at", "is", null)
      .where("threads.merged_into_id", "is", null);
    if (filter.productId) query = query.where("threads.product_id", "=", filter.productId);
    return query;
  };
  const [planned, inProgress, shipped] = await Promise.all([
    base().where("threads.status", "=", "planned").orderBy("threads.vote_count", "desc").orderBy("threads.id", "desc").limit(PER_COLUMN).execute(),
    base().where("threads.status", "=", "in_progress").orderBy("threads.vote_count", "desc").orderBy("threads.id", "desc").limit(PER_COLUMN).execute(),
    base()
      .where("threads.status", "=", "shipped")
      .where("threads.status_changed_at", ">=", now - RECENTLY_SHIPPED_DAYS * 24 * 3600 * 1000)
      .orderBy("threads.status_changed_at", "desc")
      .orderBy("threads.id", "desc")
      .limit(PER_COLUMN)
      .execute(),
  ]);
  const credits = await creditsByThread([...planned, ...inProgress, ...shipped].map((idea) => idea.id));
  const withCredits = (ideas: typeof planned) =>
    ideas.map((idea) => ({ ...idea, coDesigners: credits.get(idea.id) ?? [] }));
  return { planned: withCredits(planned), in_progress: withCredits(inProgress), shipped: withCredits(shipped) };
}
