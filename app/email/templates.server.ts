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
      return `“${facts.threadTitle}” has shipped: did it meet your measure of success?`;
    case "content_hidden":
      return `Your post in “${facts.threadTitle}” was hidden: ${facts.detail}. Edit it and staff will review it again`;
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
    case "co_designer_credit":
    case "verdict_request":
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
