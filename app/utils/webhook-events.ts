import type { WebhookEvent } from "~db/schema";

/** The events a webhook can subscribe to, as the admin page lists them. */
export const webhookEvents: { value: WebhookEvent; label: string }[] = [
  { value: "thread.created", label: "A thread is created" },
  { value: "answer.marked", label: "An answer is marked on a question" },
  { value: "idea.status_changed", label: "An idea's status changes" },
  { value: "idea.co_designed", label: "An idea is accepted as co-designed" },
];
