import { sitemapIndex } from "~/routes/sitemaps.server";
import { xmlResponse } from "~/utils/sitemap";

export async function loader() {
  return xmlResponse(await sitemapIndex());
}
