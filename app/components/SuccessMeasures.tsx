import { Form, Link } from "@remix-run/react";
import type { CheckAnswer as Answer, MeasureScope, Verdict } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { feedbackFor, type IntentFeedback } from "~/utils/form-feedback";
import { MEASURE_MAX } from "~/utils/form-limits";
import { FieldError, TextAreaField } from "./Field";
import { SubmitButton } from "./SubmitButton";
import { verdictLabels, VerdictLabel } from "./Verdicts";
import {
  AnswerCheckForm,
  AskCheckForm,
  CheckAnswer,
  FollowUp,
  ScopeForm,
  ScopeNote,
  VerdictHistory,
  type VerdictRound,
} from "./MeasureReview";

export type Measure = {
  id: number;
  userId: number;
  measure: string;
  verdict: Verdict | null;
  verdictComment: string | null;
  username: string;
  displayName: string | null;
  scope: MeasureScope | null;
  scopeReason: string | null;
  askedAfterDays: number;
  followUpId: number | null;
  followUpTitle: string | null;
  /** Staff's check before shipping and its answer: for staff and the owner only (null for others). */
  check: { request: string; answer: Answer | null; comment: string | null } | null;
  history: VerdictRound[];
};

type Props = {
  threadId: number;
  status: ShownStatus;
  /** Staff who may change the idea's status scope measures when planned and ask before shipping. */
  canReview: boolean;
  measures: Measure[];
  ownMeasure: Measure | null;
  canWrite: boolean;
  loginHref: string | null;
  /** What the measure page's action answered when it refused one of the two forms. */
  feedback?:
    | IntentFeedback<"measure", "measure">
    | IntentFeedback<"verdict", "verdict" | "comment">
    | IntentFeedback<"scope", "scope" | "reason" | "measureId">
    | IntentFeedback<"ask-check", "request">
    | IntentFeedback<"answer-check", "answer" | "comment">;
};

/**
 * Each member's own measure of success, and after shipping their verdict
 * against it. Measures are plain text, shown as text.
 */
export function SuccessMeasures({ threadId, status, canReview, measures, ownMeasure, canWrite, loginHref, feedback }: Props) {
  const action = `/threads/${threadId}/measure`;
  const shipped = status === "shipped";
  const asked = measures.some((m) => m.check !== null);
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
              <ScopeNote scope={m.scope} reason={m.scopeReason} />
              {m.history.length > 1 ? (
                <VerdictHistory history={m.history} />
              ) : m.verdictComment ? (
                <p className="verdict-comment">“{m.verdictComment}”</p>
              ) : null}
              {m.check && (canReview || status !== "in_progress" || m.userId !== ownMeasure?.userId) ? (
                <CheckAnswer check={m.check} />
              ) : null}
              <FollowUp
                action={action}
                followUp={m.followUpId ? { id: m.followUpId, title: m.followUpTitle ?? "" } : null}
                canOpen={shipped && m.id === ownMeasure?.id && (m.verdict === "not_met" || m.verdict === "partly")}
              />
              {canReview && status === "planned" ? (
                <ScopeForm
                  action={action}
                  measureId={m.id}
                  scope={m.scope}
                  reason={m.scopeReason}
                  feedback={feedbackFor(feedback, "scope")}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {canReview && status === "in_progress" && measures.length > 0 ? (
        <AskCheckForm action={action} asked={asked} feedback={feedbackFor(feedback, "ask-check")} />
      ) : null}
      {status === "in_progress" && ownMeasure?.check ? (
        <>
          <p>Staff ask: “{ownMeasure.check.request}”</p>
          <AnswerCheckForm
            action={action}
            answer={ownMeasure.check.answer}
            comment={ownMeasure.check.comment}
            feedback={feedbackFor(feedback, "answer-check")}
          />
        </>
      ) : null}

      {shipped && ownMeasure ? (
        <Form method="post" action={action} className="verdict-form" aria-labelledby="verdict-title" id="verdict">
          <input type="hidden" name="intent" value="verdict" />
          <fieldset aria-describedby={verdict?.errors.verdict ? "verdict-error" : undefined}>
            <legend id="verdict-title">
              {ownMeasure.askedAfterDays > 0
                ? `It shipped ${ownMeasure.askedAfterDays} days ago. Does it meet your measure now?`
                : "It shipped. Did it meet your measure?"}
            </legend>
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
            {ownMeasure.history.some((h) => h.afterDays === ownMeasure.askedAfterDays) ? "Update my verdict" : "Give my verdict"}
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
