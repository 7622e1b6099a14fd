import { sitemapIndex } from "~/utils/sitemap-files.server";
import { xmlResponse } from "~/utils/sitemap";

export async function loader() {
  return xmlResponse(await sitemapIndex());
}
