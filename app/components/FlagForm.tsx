import { Form } from "@remix-run/react";
import type { FormFeedback } from "~/utils/form-feedback";
import { flagReasons as reasons } from "~/utils/flag-reasons";
import { FieldError, TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";

/** Why a member flags a post; staff read it in the review queue. */
export function FlagForm({ feedback }: { feedback?: FormFeedback<"reason" | "note"> }) {
  const error = feedback?.errors.reason;
  return (
    <Form method="post">
      <fieldset aria-describedby={error ? "reason-error" : undefined}>
        <legend>What is wrong with it?</legend>
        {reasons.map((r) => (
          <label key={r.value} className="choice">
            <input type="radio" name="reason" value={r.value} defaultChecked={feedback?.values.reason === r.value} /> {r.label}
            <span className="muted"> — {r.hint}</span>
          </label>
        ))}
        <FieldError name="reason" message={error} />
      </fieldset>
      <TextAreaField label="Anything staff should know? (optional)" name="note" rows={3} feedback={feedback} />
      <SubmitButton pendingText="Sending…" className="button button-primary">
        Flag for staff
      </SubmitButton>
    </Form>
  );
}
