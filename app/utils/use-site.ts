import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { defaultSiteSettings, type SiteSettings } from "~/utils/site-settings";

/** The site's name and description as an admin set them, or the defaults where the root has no data (an error page). */
export function useSite(): SiteSettings {
  return useRouteLoaderData<typeof rootLoader>("root")?.site ?? defaultSiteSettings;
}
