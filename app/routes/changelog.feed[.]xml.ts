import { listChangelog } from "~/models/changelog.server";
import { atomResponse, changelogAtom } from "~/utils/feeds.server";
import { FEED_SIZE } from "~/models/feed.server";

export async function loader() {
  const { entries } = await listChangelog(null, FEED_SIZE);
  return atomResponse(changelogAtom(entries));
}
