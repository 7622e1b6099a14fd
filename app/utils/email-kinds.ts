import type { EmailDelivery, NotificationKind } from "~db/schema";

/** Every kind of notification a member can receive, in the order the settings page lists them. */
export const emailKinds = [
  "reply",
  "mention",
  "answer_accepted",
  "status_changed",
  "co_designer_credit",
  "verdict_request",
  "content_hidden",
  "codesign_invite",
  "announcement",
] as const satisfies readonly NotificationKind[];

export const emailKindLabels: Record<NotificationKind, string> = {
  reply: "Replies to threads you follow",
  mention: "Someone mentions you with @username",
  answer_accepted: "Your reply accepted as the answer",
  status_changed: "Status changes on ideas you follow",
  co_designer_credit: "Co-designer credits",
  verdict_request: "Requests for your verdict when an idea ships",
  content_hidden: "Your post hidden by flags or staff",
  codesign_invite: "Invitations to co-design groups",
  announcement: "Announcements in products you follow",
};

export const deliveries = ["immediate", "daily", "off"] as const satisfies readonly EmailDelivery[];
