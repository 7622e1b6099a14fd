import { checkpointJob } from "./checkpoint.server";
import { cleanSessionsJob } from "./clean-sessions.server";
import { deliverWebhooksJob } from "./deliver-webhooks.server";
import { gatherDigestsJob } from "./gather-digests.server";
import { hearInvalidationsJob } from "./hear-invalidations.server";
import { indexSearchJob } from "./index-search.server";
import type { Job, Stop } from "./job.server";
import { reaskVerdictsJob } from "./reask-verdicts.server";
import { sendEmailsJob } from "./send-emails.server";

/** Every job the server runs besides answering requests, one file each in this folder. */
export const jobs: readonly Job[] = [
  checkpointJob,
  hearInvalidationsJob,
  cleanSessionsJob,
  indexSearchJob,
  gatherDigestsJob,
  reaskVerdictsJob,
  sendEmailsJob,
  deliverWebhooksJob,
];

/**
 * Starts every job; app/server.ts calls it once. The stop function it
 * returns stops them in reverse order, each after its round in progress, so
 * the checkpoint worker stops after the last write of the others.
 */
export async function startJobs(): Promise<Stop> {
  const stops: Stop[] = [];
  for (const job of jobs) stops.push(await job.start());
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
