import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarThreads } from "~/models/search.server";
import { normalizeSearchText } from "~/utils/search-query";

/** Suggestions for the new-thread form while the title is typed: JSON, for the page's script. */
export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const similar = await findSimilarThreads(normalizeSearchText(search.get("title")), {
    productSlug: search.get("product") || null,
  });
  return Response.json({ similar }, { headers: { "Cache-Control": "private, max-age=60" } });
}
