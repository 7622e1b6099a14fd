import { Form } from "@remix-run/react";
import type { IdeaStatus } from "~db/schema";
import type { FormFeedback } from "~/utils/form-feedback";
import { nextStatuses } from "~/utils/idea-status";
import { useStatusLabel } from "./StatusStyles";
import { FieldError, TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";

type Props = {
  threadId: number;
  current: IdeaStatus;
  feedback?: FormFeedback<"status" | "note">;
};

/** Staff move an idea to its next status with a public note (required when planning, declining or shipping). */
export function StatusForm({ threadId, current, feedback }: Props) {
  const errors = feedback?.errors;
  const label = useStatusLabel();
  const options = nextStatuses(current);
  if (options.length === 0) return null;
  return (
    <Form method="post" action={`/threads/${threadId}/status`} className="status-form" aria-labelledby="status-form-title">
      <h3 id="status-form-title">Change status</h3>
      <div className="field">
        <label htmlFor="status">New status</label>
        <select
          id="status"
          name="status"
          defaultValue={feedback?.values.status ?? options[0]}
          aria-invalid={errors?.status ? true : undefined}
          aria-describedby={errors?.status ? "status-error" : undefined}
        >
          {options.map((status) => (
            <option key={status} value={status}>
              {label(status)}
            </option>
          ))}
        </select>
        <FieldError name="status" message={errors?.status} />
      </div>
      <TextAreaField
        label="Public note"
        name="note"
        rows={3}
        hint="Everyone following the idea reads this. Required when planning (what the release covers), declining (why) or shipping (the release note)."
        feedback={feedback}
      />
      <SubmitButton pendingText="Saving…" className="button button-primary">
        Update status
      </SubmitButton>
    </Form>
  );
}
