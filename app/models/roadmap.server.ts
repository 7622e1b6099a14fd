import { getDb } from "~db/client.server";
import type { IdeaStatus } from "~db/schema";
import { publicContent, withStatus } from "./content.server";
import { creditsByThread } from "./idea.server";
import { publicTargetRelease } from "./idea-plan.server";
import { formatTargetRelease } from "~/utils/target-release";

/** Shipped ideas stay on the roadmap this long; older ones live on in the changelog. */
export const RECENTLY_SHIPPED_DAYS = 90;
const PER_COLUMN = 50;

/**
 * The public roadmap: planned and in-progress ideas by votes, and recently
 * shipped ones newest first, each with its co-designers. A public document:
 * what everyone may see (publicContent), merged ideas left out (withStatus).
 */
export async function getRoadmap(filter: { productId?: number | null } = {}, now = Date.now()) {
  const base = (status: IdeaStatus) => {
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
        // Only a public target: the roadmap is a public document.
        publicTargetRelease().as("target"),
        "products.slug as productSlug",
        "products.name as productName",
      ])
      .where(withStatus(status))
      .where(publicContent());
    if (filter.productId) query = query.where("threads.product_id", "=", filter.productId);
    return query;
  };
  const [planned, inProgress, shipped] = await Promise.all([
    base("planned").orderBy("threads.vote_count", "desc").orderBy("threads.id", "desc").limit(PER_COLUMN).execute(),
    base("in_progress").orderBy("threads.vote_count", "desc").orderBy("threads.id", "desc").limit(PER_COLUMN).execute(),
    base("shipped")
      .where("threads.status_changed_at", ">=", now - RECENTLY_SHIPPED_DAYS * 24 * 3600 * 1000)
      .orderBy("threads.status_changed_at", "desc")
      .orderBy("threads.id", "desc")
      .limit(PER_COLUMN)
      .execute(),
  ]);
  const credits = await creditsByThread([...planned, ...inProgress, ...shipped].map((idea) => idea.id));
  const withCredits = (ideas: typeof planned) =>
    ideas.map(({ target, ...idea }) => ({
      ...idea,
      targetLabel: target ? formatTargetRelease(target) : null,
      coDesigners: credits.get(idea.id) ?? [],
    }));
  return { planned: withCredits(planned), in_progress: withCredits(inProgress), shipped: withCredits(shipped) };
}
