import { listFeedThreads } from "~/models/feed.server";
import { atomResponse, threadsAtom } from "~/utils/feeds.server";

export async function loader() {
  const threads = await listFeedThreads();
  return atomResponse(
    threadsAtom(
      { title: "Cocreate — latest threads", description: "New threads in the Cocreate community.", path: "/", feedPath: "/feed.xml" },
      threads,
    ),
  );
}
