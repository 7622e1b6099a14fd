import type { MetaArgs } from "@remix-run/node";
import { DEFAULT_SITE_NAME, type SiteSettings } from "~/utils/site-settings";

/**
 * The site's name as an admin set it at /admin/settings, from the root
 * loader's data among a meta function's matches (the default where the root
 * has no data, e.g. on an error page).
 */
export function siteNameIn(matches: MetaArgs["matches"]): string {
  const root = matches.find((match) => match.id === "root")?.data as { site?: SiteSettings } | undefined;
  return root?.site?.siteName ?? DEFAULT_SITE_NAME;
}

/** "Change status — <site name>": a page's own title parts, then the site's name. */
export function pageTitle(matches: MetaArgs["matches"], ...parts: string[]): string {
  return [...parts, siteNameIn(matches)].join(" — ");
}
