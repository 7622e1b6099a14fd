import type { LoaderFunctionArgs } from "@remix-run/node";
import { getProductBySlug } from "~/models/product.server";
import { getRoadmap } from "~/models/roadmap.server";
import { apiResponse, json } from "~/routes/api.server";
import { invariantResponse } from "~/utils/http";
import { siteUrl } from "~/http/site-url.server";
import { threadPath } from "~/utils/slug";

/** GET /api/v1/roadmap?product= — planned, in progress and recently shipped ideas with their co-designers. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  apiResponse(async () => {
    const slug = new URL(request.url).searchParams.get("product");
    const product = slug ? await getProductBySlug(slug) : null;
    invariantResponse(!slug || product, "There is no product with that slug.", { status: 404 });
    const roadmap = await getRoadmap({ productId: product?.id });
    const shape = (ideas: (typeof roadmap)["planned"]) =>
      ideas.map((idea) => ({
        id: idea.id,
        title: idea.title,
        product: idea.productSlug,
        voteCount: idea.voteCount,
        coDesigned: idea.coDesignedAt !== null,
        coDesigners: idea.coDesigners.map((c) => ({ username: c.username, contribution: c.contribution })),
        url: siteUrl(threadPath(idea)),
      }));
    return json({ planned: shape(roadmap.planned), inProgress: shape(roadmap.in_progress), shipped: shape(roadmap.shipped) });
  });
