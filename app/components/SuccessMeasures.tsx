import { Form, Link } from "@remix-run/react";
import type { Verdict } from "~db/schema";
import { feedbackFor, type IntentFeedback } from "~/utils/form-feedback";
import { MEASURE_MAX } from "~/utils/form-limits";
import { FieldError, TextAreaField } from "./Field";
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
  /** What the measure page's action answered when it refused one of the two forms. */
  feedback?: IntentFeedback<"measure", "measure"> | IntentFeedback<"verdict", "verdict" | "comment">;
};

/**
 * Each member's own measure of success, and after shipping their verdict
 * against it. Measures are plain text, shown as text.
 */
export function SuccessMeasures({ threadId, shipped, measures, ownMeasure, canWrite, loginHref, feedback }: Props) {
  const action = `/threads/${threadId}/measure`;
  const verdict = feedbackFor(feedback, "verdict");
  const measure = feedbackFor(feedback, "measure");
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
          <fieldset aria-describedby={verdict?.errors.verdict ? "verdict-error" : undefined}>
            <legend id="verdict-title">It shipped. Did it meet your measure?</legend>
            {(Object.keys(verdictLabels) as Verdict[]).map((v) => (
              <label key={v} className="choice">
                <input type="radio" name="verdict" value={v} defaultChecked={(verdict?.values.verdict ?? ownMeasure.verdict) === v} />{" "}
                {verdictLabels[v]}
              </label>
            ))}
            <FieldError name="verdict" message={verdict?.errors.verdict} />
          </fieldset>
          <TextAreaField
            label="Comment (optional)"
            name="comment"
            rows={2}
            defaultValue={ownMeasure.verdictComment ?? ""}
            feedback={verdict}
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
            maxLength={MEASURE_MAX}
            hint="For example: “I can export the report in under a minute.” You can change it until the idea ships."
            defaultValue={ownMeasure?.measure ?? ""}
            feedback={measure}
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
