import { listFeedThreads } from "~/models/feed.server";
import { atomResponse, threadsAtom } from "~/routes/feeds.server";
import { getSiteSettings } from "~/models/site-settings.server";
import { statusLabelsNow } from "~/models/status-styles.server";

export async function loader() {
  const [threads, { siteName }, statusLabel] = await Promise.all([listFeedThreads(), getSiteSettings(), statusLabelsNow()]);
  return atomResponse(
    threadsAtom(
      {
        siteName,
        title: `${siteName} — latest threads`,
        description: `New threads in the ${siteName} community.`,
        path: "/",
        feedPath: "/feed.xml",
      },
      threads,
      statusLabel,
    ),
  );
}
