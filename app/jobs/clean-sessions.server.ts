import { lucia } from "~/auth/session.server";
import { every, type Job } from "./job.server";

/** Expired sessions deleted at start and every six hours. */
export const cleanSessionsJob: Job = {
  name: "clean-sessions",
  start: () => every("clean-sessions", 6 * 3_600_000, () => lucia.deleteExpiredSessions(), { firstAfterMs: 0 }),
};
