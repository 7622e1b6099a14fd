import type { LoaderFunctionArgs } from "@remix-run/node";
import { listApiThreads } from "~/models/api.server";
import { getProductBySlug } from "~/models/product.server";
import { apiResponse, json } from "~/routes/api.server";
import { invariantResponse, parseId } from "~/utils/http";
import { parseStatusFilter } from "~/utils/idea-status";
import { threadKinds } from "~/utils/form-limits";

/** GET /api/v1/threads?product=&kind=&status=&solved=&cursor=&limit= — newest first. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  apiResponse(async () => {
    const params = new URL(request.url).searchParams;
    const slug = params.get("product");
    const product = slug ? await getProductBySlug(slug) : null;
    invariantResponse(!slug || product, "There is no product with that slug.", { status: 404 });
    const kind = params.get("kind");
    invariantResponse(!kind || (threadKinds as readonly string[]).includes(kind), "kind must be discussion, question or idea.", {
      status: 400,
    });
    const solved = params.get("solved");
    invariantResponse(solved === null || solved === "true" || solved === "false", "solved must be true or false.", { status: 400 });
    const limit = params.has("limit") ? parseId(params.get("limit"), "limit") : 25;
    invariantResponse(limit <= 100, "limit can be at most 100.", { status: 400 });
    const cursor = params.get("cursor");
    const page = await listApiThreads(
      {
        productId: product?.id,
        kind: kind as (typeof threadKinds)[number] | null,
        status: parseStatusFilter(params.get("status")),
        solved: solved === null ? null : solved === "true",
      },
      cursor === null ? null : parseId(cursor, "cursor"),
      limit,
    );
    return json(page);
  });
