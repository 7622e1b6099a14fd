import { Form, Link } from "@remix-run/react";
import type { Verdict } from "~db/schema";
import { TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";
import { verdictLabels, VerdictLabel } from "./Verdicts";

export type Measure = {
  id: number;
  userId: number;
  measure: string;
  verdict: Verdict | null;
  verdictComment: string | null;
  username: string;
  displayName: string | null;
};

type Props = {
  threadId: number;
  shipped: boolean;
  measures: Measure[];
  ownMeasure: Measure | null;
  canWrite: boolean;
  loginHref: string | null;
  errors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
};

/**
 * Each member's own measure of success, and after shipping their verdict
 * against it. Measures are plain text, shown as text.
 */
export function SuccessMeasures({ threadId, shipped, measures, ownMeasure, canWrite, loginHref, errors, values }: Props) {
  const action = `/threads/${threadId}/measure`;
  return (
    <section className="measures" aria-labelledby="measures-title" id="measures">
      <h2 id="measures-title">How people will judge success</h2>
      {measures.length === 0 ? (
        <p className="muted">No one has said yet how they'll judge this idea.</p>
      ) : (
        <ul className="measure-list">
          {measures.map((m) => (
            <li key={m.id} className="measure">
              <p className="measure-who">
                <Link to={`/users/${m.username}`}>{m.displayName || m.username}</Link>
                {shipped ? <VerdictLabel verdict={m.verdict} /> : null}
              </p>
              <blockquote className="measure-text">{m.measure}</blockquote>
              {m.verdictComment ? <p className="verdict-comment">“{m.verdictComment}”</p> : null}
            </li>
          ))}
        </ul>
      )}

      {shipped && ownMeasure ? (
        <Form method="post" action={action} className="verdict-form" aria-labelledby="verdict-title" id="verdict">
          <input type="hidden" name="intent" value="verdict" />
          <fieldset aria-describedby={errors?.verdict ? "verdict-error" : undefined}>
            <legend id="verdict-title">It shipped. Did it meet your measure?</legend>
            {(Object.keys(verdictLabels) as Verdict[]).map((v) => (
              <label key={v} className="choice">
                <input
                  type="radio"
                  name="verdict"
                  value={v}
                  defaultChecked={(values?.verdict ?? ownMeasure.verdict) === v}
                />{" "}
                {verdictLabels[v]}
              </label>
            ))}
            {errors?.verdict ? (
              <p className="field-error" id="verdict-error" role="alert">
                {errors.verdict}
              </p>
            ) : null}
          </fieldset>
          <TextAreaField
            label="Comment (optional)"
            name="comment"
            rows={2}
            defaultValue={values?.comment ?? ownMeasure.verdictComment ?? ""}
            error={errors?.comment}
          />
          <SubmitButton pendingText="Saving…" className="button button-primary">
            {ownMeasure.verdict ? "Update my verdict" : "Give my verdict"}
          </SubmitButton>
        </Form>
      ) : null}

      {canWrite ? (
        <Form method="post" action={action} className="measure-form">
          <input type="hidden" name="intent" value="measure" />
          <TextAreaField
            label={ownMeasure ? "Your measure of success" : "How will you judge this a success?"}
            name="measure"
            rows={2}
            maxLength={500}
            hint="For example: “I can export the report in under a minute.” You can change it until the idea ships."
            defaultValue={values?.measure ?? ownMeasure?.measure ?? ""}
            error={errors?.measure}
          />
          <SubmitButton pendingText="Saving…" className="button">
            {ownMeasure ? "Update my measure" : "Add my measure"}
          </SubmitButton>
        </Form>
      ) : !shipped && loginHref ? (
        <p>
          <Link to={loginHref}>Sign in</Link> to say how you'll judge this idea a success.
        </p>
      ) : null}
    </section>
  );
}
