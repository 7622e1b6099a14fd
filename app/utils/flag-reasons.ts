import type { FlagReason } from "~db/schema";

/** Why a member may flag a post, as the flag form offers and the review queue shows them. */
export const flagReasons: { value: FlagReason; label: string; hint: string }[] = [
  { value: "spam", label: "Spam", hint: "Advertising or links that have nothing to do with the product." },
  { value: "offensive", label: "Offensive", hint: "Rude, abusive or hateful." },
  { value: "off_topic", label: "Off-topic", hint: "Doesn't belong in this thread." },
  { value: "other", label: "Something else", hint: "Tell staff below." },
];

export const flagReasonLabels = Object.fromEntries(flagReasons.map((r) => [r.value, r.label])) as Record<FlagReason, string>;
