import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedThreads } from "~/models/feed.server";
import { getProductBySlug } from "~/models/product.server";
import { atomResponse, threadsAtom } from "~/routes/feeds.server";
import { invariantResponse } from "~/utils/http";
import { getSiteSettings } from "~/models/site-settings.server";
import { statusLabelsNow } from "~/models/status-styles.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  invariantResponse(product, "We couldn't find that product.", { status: 404 });
  const path = `/products/${product.slug}`;
  const [{ siteName }, statusLabel] = await Promise.all([getSiteSettings(), statusLabelsNow()]);
  return atomResponse(
    threadsAtom(
      { siteName, title: `${product.name} — ${siteName}`, description: product.description, path, feedPath: `${path}/feed.xml` },
      await listFeedThreads(product.id),
      statusLabel,
    ),
  );
}
