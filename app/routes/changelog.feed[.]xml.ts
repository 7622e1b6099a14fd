import { listShippedIdeasForFeed } from "~/models/changelog-feed.server";
import { atomResponse, changelogAtom } from "~/utils/feeds.server";

export async function loader() {
  return atomResponse(changelogAtom(await listShippedIdeasForFeed()));
}
