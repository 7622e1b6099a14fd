import type { WebhookEvent, WebhookFormat } from "~db/schema";

/** The events a webhook can subscribe to, as the admin page lists them. A new idea sends both thread.created and idea.created. */
export const webhookEvents: { value: WebhookEvent; label: string }[] = [
  { value: "thread.created", label: "A thread is created" },
  { value: "idea.created", label: "An idea is proposed" },
  { value: "answer.marked", label: "An answer is marked on a question" },
  { value: "idea.status_changed", label: "An idea's status changes" },
  { value: "idea.co_designed", label: "An idea is accepted as co-designed" },
];

/** What a webhook sends: Cocreate's signed JSON event, or a Slack incoming-webhook message. */
export const webhookFormats: { value: WebhookFormat; label: string }[] = [
  { value: "cocreate", label: "Cocreate JSON event (signed)" },
  { value: "slack", label: "Slack-compatible message (incoming webhook)" },
];
