import { deliverDueEmails, gatherDigests } from "~/email/sender.server";
import { transportFromEnv } from "~/email/transport.server";
import { indexPendingReplies } from "~/models/search-index.server";
import { deliverDueWebhooks } from "~/models/webhook.server";
import { config } from "~/config.server";
import { startWorker } from "~/utils/worker.server";

/**
 * What the server does besides answering requests: digests, emails and webhook deliveries,
 * and new replies into the full-text index. Returns a stop function.
 */
export function startBackgroundJobs() {
  const transport = transportFromEnv();
  const stops = [
    startWorker(
      "background",
      [() => gatherDigests(), () => deliverDueEmails(transport), () => deliverDueWebhooks()],
      config().BACKGROUND_POLL_MS,
    ),
    startWorker("search-index", [() => indexPendingReplies()], 500),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
