import { lucia } from "~/auth/session.server";
import { deleteExpiredRateLimits } from "~/http/rate-limit-store.server";
import { every, type Job } from "./job.server";

/** Expired sessions and rate-limit counters deleted at start and every six hours, by one process. */
export const cleanSessionsJob: Job = {
  name: "clean-sessions",
  start: () =>
    every(
      "clean-sessions",
      6 * 3_600_000,
      async () => {
        await lucia.deleteExpiredSessions();
        await deleteExpiredRateLimits();
      },
      { firstAfterMs: 0, exclusive: true },
    ),
};
