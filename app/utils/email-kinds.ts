import type { EmailDelivery, NotificationKind } from "~db/schema";

/** Every kind of notification a member can receive, in the order the settings page lists them. */
export const emailKinds = [
  "reply",
  "mention",
  "answer_accepted",
  "status_changed",
  "co_designer_credit",
  "verdict_request",
  "measure_update",
  "idea_merged",
  "content_hidden",
  "on_behalf_vote",
  "like",
  "new_thread",
  "codesign_invite",
  "announcement",
] as const satisfies readonly NotificationKind[];

export const emailKindLabels: Record<NotificationKind, string> = {
  reply: "Replies to threads you follow",
  mention: "Someone mentions you with @username",
  answer_accepted: "Your reply accepted as the answer",
  status_changed: "Status changes on ideas you follow",
  co_designer_credit: "Co-designer credits",
  verdict_request: "Requests for your verdict when an idea ships, and again later",
  measure_update: "Staff scope your success measure or ask whether a design meets it",
  idea_merged: "Your idea merged into another",
  content_hidden: "Your post hidden by flags or staff",
  on_behalf_vote: "Staff record your vote from a call or a ticket",
  like: "Someone likes your post",
  new_thread: "New threads and ideas in products you follow",
  codesign_invite: "Invitations to co-design groups",
  announcement: "Announcements in products you follow",
};

export const deliveries = ["immediate", "daily", "off"] as const satisfies readonly EmailDelivery[];
