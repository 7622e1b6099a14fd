import { listChangelog } from "~/models/changelog.server";
import { atomResponse, changelogAtom } from "~/routes/feeds.server";
import { FEED_SIZE } from "~/models/feed.server";
import { getSiteSettings } from "~/models/site-settings.server";

export async function loader() {
  const [{ entries }, { siteName }] = await Promise.all([listChangelog(null, FEED_SIZE), getSiteSettings()]);
  return atomResponse(changelogAtom(entries, siteName));
}
