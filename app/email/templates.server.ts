import type { NotificationKind } from "~db/schema";

export type NotificationFacts = {
  kind: NotificationKind;
  threadTitle: string;
  threadUrl: string;
  actorName: string | null;
  detail: string;
};

/** One sentence per kind, shared by the notifications page and the emails. */
export function describeNotification(facts: NotificationFacts): string {
  const who = facts.actorName ?? "Someone";
  switch (facts.kind) {
    case "reply":
      return `${who} replied to “${facts.threadTitle}”`;
    case "mention":
      return `${who} mentioned you in “${facts.threadTitle}”`;
    case "answer_accepted":
      return `Your reply was accepted as the answer to “${facts.threadTitle}”`;
    case "status_changed":
      return `“${facts.threadTitle}” is now ${facts.detail}`;
    case "co_designer_credit":
      return `You were credited as a co-designer of “${facts.threadTitle}”`;
    case "verdict_request":
      return facts.detail
        ? `It's been ${facts.detail} days since “${facts.threadTitle}” shipped: does it meet your measure of success now?`
        : `“${facts.threadTitle}” has shipped: did it meet your measure of success?`;
    case "measure_update":
      return `${who} ${facts.detail} on “${facts.threadTitle}”`;
    case "idea_merged":
      return `Your idea was merged into “${facts.threadTitle}”; your use case is kept there`;
    case "content_hidden":
      return `Your post in “${facts.threadTitle}” was hidden: ${facts.detail}. Edit it and staff will review it again`;
    case "on_behalf_vote":
      return `${who} recorded your vote for “${facts.threadTitle}” on behalf of ${facts.detail}. You can take it back on the idea`;
    case "like":
      return `${who} liked your ${facts.detail || "post"} in “${facts.threadTitle}”`;
    case "new_thread":
      return `${who} started “${facts.threadTitle}” in ${facts.detail}`;
    case "codesign_invite":
      return `${who} invited you to the co-design group of “${facts.threadTitle}”`;
    case "announcement":
      return `Announcement: “${facts.threadTitle}”`;
  }
}

/**
 * One line for several notifications of one kind about one thread, as the
 * notifications page groups them ("3 new replies in …"); one is the sentence above.
 */
export function describeNotificationGroup(facts: NotificationFacts, count: number, unread: boolean): string {
  if (count === 1) return describeNotification(facts);
  const title = `“${facts.threadTitle}”`;
  switch (facts.kind) {
    case "reply":
      return `${count} ${unread ? "new replies" : "replies"} in ${title}`;
    case "mention":
      return `You were mentioned ${count} times in ${title}`;
    case "answer_accepted":
      return `Your replies were accepted as the answer to ${title} ${count} times`;
    case "status_changed":
      return `${title} changed status ${count} times and is now ${facts.detail}`;
    case "content_hidden":
      return `${count} of your posts in ${title} were hidden. Edit them and staff will review them again`;
    case "like":
      return `${facts.actorName ?? "Someone"} and ${count - 1} ${count === 2 ? "other" : "others"} liked your ${facts.detail || "post"} in ${title}`;
    case "co_designer_credit":
    case "verdict_request":
    case "on_behalf_vote":
    case "measure_update":
    case "idea_merged":
    case "new_thread":
    case "codesign_invite":
    case "announcement":
      return describeNotification(facts);
  }
}

/**
 * The stored part of an email; the sender adds the greeting-free footer with
 * the unsubscribe link. siteName is the name set at /admin/settings.
 */
export function notificationEmail(facts: NotificationFacts & { excerpt?: string; siteName: string }): { subject: string; text: string } {
  const sentence = describeNotification(facts);
  const lines = [sentence + "."];
  if (facts.excerpt) lines.push("", facts.excerpt);
  if (facts.kind === "verdict_request") {
    lines.push("", "Tell us whether it met, partly met or did not meet your measure:");
  }
  lines.push("", facts.threadUrl);
  return { subject: `[${facts.siteName}] ${sentence}`, text: lines.join("\n") };
}
