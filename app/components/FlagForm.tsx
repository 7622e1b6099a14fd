import { Form } from "@remix-run/react";
import { flagReasons as reasons } from "~/utils/flag-reasons";
import { TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";


type Props = { errors?: Partial<Record<string, string>>; values?: Record<string, string> };

/** Why a member flags a post; staff read it in the review queue. */
export function FlagForm({ errors, values }: Props) {
  return (
    <Form method="post">
      <fieldset aria-describedby={errors?.reason ? "reason-error" : undefined}>
        <legend>What is wrong with it?</legend>
        {reasons.map((r) => (
          <label key={r.value} className="choice">
            <input type="radio" name="reason" value={r.value} defaultChecked={values?.reason === r.value} /> {r.label}
            <span className="muted"> — {r.hint}</span>
          </label>
        ))}
        {errors?.reason ? (
          <p className="field-error" id="reason-error" role="alert">
            {errors.reason}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField label="Anything staff should know? (optional)" name="note" rows={3} defaultValue={values?.note} error={errors?.note} />
      <SubmitButton pendingText="Sending…" className="button button-primary">
        Flag for staff
      </SubmitButton>
    </Form>
  );
}
