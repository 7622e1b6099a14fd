import { Form } from "@remix-run/react";
import type { SubscriptionLevel } from "~db/schema";
import { SubmitButton } from "./SubmitButton";

const descriptions: Record<SubscriptionLevel | "none", string> = {
  watching: "You're watching: you hear about every reply and status change.",
  status: "You're following status changes.",
  muted: "You've unwatched this thread.",
  none: "You're not watching this thread.",
};

/** Watch or unwatch a thread; works without JavaScript. */
export function WatchForm({ level }: { level: SubscriptionLevel | null }) {
  const watching = level === "watching";
  return (
    <Form method="post" preventScrollReset className="watch-form">
      <span className="muted">{descriptions[level ?? "none"]}</span>{" "}
      <SubmitButton intent={watching ? "unwatch" : "watch"} pendingText="Saving…" className="button button-small">
        {watching ? "Unwatch" : "Watch"}
      </SubmitButton>
    </Form>
  );
}
