import { Form } from "@remix-run/react";
import type { IdeaStatus } from "~db/schema";
import { nextStatuses, statusLabels } from "~/utils/idea-status";
import { TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";

type Props = {
  threadId: number;
  current: IdeaStatus;
  errors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
};

/** Staff move an idea to its next status with a public note (required when declining). */
export function StatusForm({ threadId, current, errors, values }: Props) {
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
          defaultValue={values?.status ?? options[0]}
          aria-invalid={errors?.status ? true : undefined}
          aria-describedby={errors?.status ? "status-error" : undefined}
        >
          {options.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </select>
        {errors?.status ? (
          <p className="field-error" id="status-error" role="alert">
            {errors.status}
          </p>
        ) : null}
      </div>
      <TextAreaField
        label="Public note"
        name="note"
        rows={3}
        hint="Everyone following the idea reads this. Required when declining; for “Shipped” it is the release note."
        defaultValue={values?.note}
        error={errors?.note}
      />
      <SubmitButton pendingText="Saving…" className="button button-primary">
        Update status
      </SubmitButton>
    </Form>
  );
}
