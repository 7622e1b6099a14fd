import type { WebhookEvent } from "~db/schema";

/** The part of an event's data a Slack message reads (app/models/webhook.server.ts builds it). */
export type SlackEventData = {
  thread: { title: string; url: string; kind: string; product: string; author: string };
  from?: string | null;
  to?: string;
  note?: string;
  coDesigners?: { username: string }[];
};

/** Slack's mrkdwn escapes only these three; anything else a title holds is shown as typed. */
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An event as a Slack incoming-webhook message: `{"text": …}` in Slack's
 * mrkdwn, which Slack, Mattermost, Rocket.Chat and Discord's Slack-compatible
 * endpoint all accept. Names and titles are people's text: escaped.
 */
export function slackMessage(
  event: WebhookEvent,
  data: SlackEventData,
  site: { name: string; statusLabel: (status: string) => string },
): { text: string } {
  const label = (status: string | null | undefined) => (status ? site.statusLabel(status) : "");
  const siteName = site.name;
  const link = `<${data.thread.url}|${escape(data.thread.title)}>`;
  const where = `${escape(siteName)} · ${escape(data.thread.product)}`;
  switch (event) {
    case "idea.created":
      return { text: `New idea from ${escape(data.thread.author)}: ${link} (${where})` };
    case "thread.created":
      return { text: `New ${escape(data.thread.kind)} from ${escape(data.thread.author)}: ${link} (${where})` };
    case "idea.status_changed": {
      const note = data.note ? `\n> ${escape(data.note).replace(/\n/g, "\n> ")}` : "";
      return { text: `${link} moved from ${escape(label(data.from))} to *${escape(label(data.to))}* (${where})${note}` };
    }
    case "idea.co_designed": {
      const people = (data.coDesigners ?? []).map((c) => escape(c.username)).join(", ");
      return { text: `${link} was accepted as co-designed${people ? ` with ${people}` : ""} (${where})` };
    }
    case "answer.marked":
      return { text: `${link} has an accepted answer (${where})` };
  }
}
