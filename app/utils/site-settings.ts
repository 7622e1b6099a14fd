/** What the site is called and how it describes itself until an admin changes it at /admin/settings. */
export const DEFAULT_SITE_NAME = "Cocreate";
export const DEFAULT_SITE_DESCRIPTION =
  "Ask questions, help each other, and propose ideas. When the team accepts your idea it becomes co-designed: you are credited, and once it ships you tell us whether it met your measure of success.";

export const SITE_NAME_MIN = 2;
export const SITE_NAME_MAX = 60;
export const SITE_DESCRIPTION_MAX = 300;

export type SiteSettings = { siteName: string; siteDescription: string };

export const defaultSiteSettings: SiteSettings = { siteName: DEFAULT_SITE_NAME, siteDescription: DEFAULT_SITE_DESCRIPTION };
