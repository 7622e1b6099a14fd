import type { IdeaStatus } from "~db/schema";

export const ideaStatuses = ["open", "under_review", "planned", "in_progress", "shipped", "declined"] as const;

/**
 * An idea's status as people see it. A merged idea keeps the status it had
 * in its row (threads.status), but everywhere it is shown, filtered, counted
 * or reported it is "merged" (shownStatus in app/models/content.server.ts).
 */
export type ShownStatus = IdeaStatus | "merged";

export const statusLabels: Record<ShownStatus, string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  shipped: "Shipped",
  declined: "Declined",
  merged: "Merged",
};

/** Decisions customers follow: moving to these needs a public note saying why (a merge needs a reason too). */
export const notedStatuses: readonly IdeaStatus[] = ["planned", "declined", "shipped"];

export function noteMissing(status: IdeaStatus): string {
  return `Say why the idea is ${statusLabels[status].toLowerCase()}: the people who asked for it will read this.`;
}

const forward: IdeaStatus[] = ["open", "under_review", "planned", "in_progress", "shipped"];

/**
 * The lifecycle: an idea moves forward (steps may be skipped) or one step
 * back, can be declined until it ships, and a declined idea can be reopened
 * for review. Shipped is final: verdicts have been asked for.
 */
export function nextStatuses(from: IdeaStatus): IdeaStatus[] {
  if (from === "shipped") return [];
  if (from === "declined") return ["open", "under_review"];
  const at = forward.indexOf(from);
  const back = at > 0 ? [forward[at - 1]] : [];
  // The next step first: it is what staff pick most often.
  return [...forward.slice(at + 1), ...back, "declined"] as IdeaStatus[];
}

export function canMove(from: IdeaStatus, to: IdeaStatus): boolean {
  return nextStatuses(from).includes(to);
}

/** Staff may accept an idea as co-designed once it has been reviewed. */
export function isReviewed(status: IdeaStatus | null): boolean {
  return status === "under_review" || status === "planned" || status === "in_progress" || status === "shipped";
}

/** A list's ?status= filter: a known status, or none. Unknown values are a bad link (400). */
export function parseStatusFilter(value: string | null): IdeaStatus | null {
  if (value === null || value === "") return null;
  if ((ideaStatuses as readonly string[]).includes(value)) return value as IdeaStatus;
  throw new Response("That status filter is not one we know.", { status: 400 });
}
