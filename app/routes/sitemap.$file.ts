import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/utils/http";
import { sitemapFile } from "~/routes/sitemaps.server";
import { xmlResponse } from "~/utils/sitemap";

export async function loader({ params }: LoaderFunctionArgs) {
  const xml = await sitemapFile(params.file ?? "");
  invariantResponse(xml, "There is no such sitemap.", { status: 404 });
  return xmlResponse(xml);
}
