import { indexPendingReplies } from "~/models/search-index.server";
import { every, type Job } from "./job.server";

/** New replies into the full-text index, every half second (a search also indexes what is waiting first). */
export const indexSearchJob: Job = {
  name: "index-search",
  start: () => every("index-search", 500, () => indexPendingReplies()),
};
