import { Form } from "@remix-run/react";
import type { ProductFollowLevel } from "~db/schema";
import { FieldError } from "./Field";
import { SubmitButton } from "./SubmitButton";

const choices: { value: ProductFollowLevel | "none"; label: string }[] = [
  { value: "threads", label: "Every new thread" },
  { value: "ideas", label: "New ideas only" },
  { value: "status", label: "Status changes of its ideas" },
  { value: "none", label: "Not following" },
];

type Props = {
  productName: string;
  level: ProductFollowLevel | null;
  error?: string;
};

/** Follow a whole product: what to hear about; how (email now, daily, off) is /settings/email's choice as for threads. */
export function ProductFollowForm({ productName, level, error }: Props) {
  return (
    <Form method="post" className="product-follow" preventScrollReset>
      <fieldset aria-describedby={error ? "level-error" : "follow-hint"}>
        <legend>Follow {productName}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name="level" value={choice.value} defaultChecked={(level ?? "none") === choice.value} /> {choice.label}
          </label>
        ))}
        <p id="follow-hint" className="muted">
          You hear of it in your notifications, and by email as your <a href="/settings/email">email settings</a> say.
        </p>
        <FieldError name="level" message={error} />
      </fieldset>
      <SubmitButton intent="follow" pendingText="Saving…" className="button button-small">
        Save
      </SubmitButton>
    </Form>
  );
}
