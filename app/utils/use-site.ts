import { useRouteLoaderData } from "@remix-run/react";
import { defaultSiteSettings, type SiteSettings } from "~/utils/site-settings";

/** What this reads of the root route's data (app/root.tsx's loader), named here so the root need not be imported back. */
type RootData = { site: SiteSettings };

/** The site's name and description as an admin set them, or the defaults where the root has no data (an error page). */
export function useSite(): SiteSettings {
  return useRouteLoaderData<RootData>("root")?.site ?? defaultSiteSettings;
}
