import { Form, Link } from "@remix-run/react";
import type { CheckAnswer, MeasureScope, Verdict } from "~db/schema";
import type { FormFeedback } from "~/utils/form-feedback";
import { MEASURE_MAX } from "~/utils/form-limits";
import { threadPath } from "~/utils/slug";
import { roundLabel, scopeLabels, verdictLabels } from "~/utils/verdicts";
import { FieldError, TextAreaField, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

const answerLabels: Record<CheckAnswer, string> = { yes: "Yes", partly: "Partly", no: "No" };

export type VerdictRound = { afterDays: number; verdict: Verdict; comment: string | null };

/** How the owner judged the idea at ship and at each re-ask, oldest first. */
export function VerdictHistory({ history }: { history: VerdictRound[] }) {
  if (history.length === 0) return null;
  return (
    <ol className="verdict-history" aria-label="Verdicts over time">
      {history.map((round) => (
        <li key={round.afterDays}>
          <span className="muted">{roundLabel(round.afterDays)}:</span>{" "}
          <span className={`verdict verdict-${round.verdict}`}>{verdictLabels[round.verdict]}</span>
          {round.comment ? <> “{round.comment}”</> : null}
        </li>
      ))}
    </ol>
  );
}

/** The scope staff gave a measure for the planned release, with their public reason. */
export function ScopeNote({ scope, reason }: { scope: MeasureScope | null; reason: string | null }) {
  if (!scope) return null;
  return (
    <p className="measure-scope">
      <strong className={`scope scope-${scope}`}>{scopeLabels[scope]}</strong>
      {reason ? <> for this release: {reason}</> : null}
    </p>
  );
}

/** Staff mark one measure in, partly or out of scope for the planned release. */
export function ScopeForm({
  action,
  measureId,
  scope,
  reason,
  feedback,
}: {
  action: string;
  measureId: number;
  scope: MeasureScope | null;
  reason: string | null;
  feedback?: FormFeedback<"scope" | "reason" | "measureId">;
}) {
  const own = feedback?.values.measureId === String(measureId) ? feedback : undefined;
  const chosen = own?.values.scope ?? scope;
  return (
    <Form method="post" action={action} className="scope-form">
      <input type="hidden" name="intent" value="scope" />
      <input type="hidden" name="measureId" value={measureId} />
      <fieldset aria-describedby={own?.errors.scope ? `scope-${measureId}-error` : undefined}>
        <legend>Scope for this release</legend>
        {(Object.keys(scopeLabels) as MeasureScope[]).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="scope" value={s} defaultChecked={chosen === s} /> {scopeLabels[s]}
          </label>
        ))}
        <FieldError name={`scope-${measureId}`} message={own?.errors.scope} />
      </fieldset>
      <TextField
        label="Public reason"
        name="reason"
        id={`reason-${measureId}`}
        maxLength={MEASURE_MAX}
        defaultValue={reason ?? ""}
        feedback={own}
      />
      <SubmitButton pendingText="Saving…" className="button">
        Save scope
      </SubmitButton>
    </Form>
  );
}

/** While the idea is in progress, staff ask every measure's owner whether the design would meet it. */
export function AskCheckForm({ action, asked, feedback }: { action: string; asked: boolean; feedback?: FormFeedback<"request"> }) {
  return (
    <Form method="post" action={action} className="check-form">
      <input type="hidden" name="intent" value="ask-check" />
      <TextAreaField
        label="Ask each owner: would this meet your measure?"
        name="request"
        rows={2}
        maxLength={MEASURE_MAX}
        hint="A short description of the design, or a link to it. Each measure's owner is notified."
        feedback={feedback}
      />
      <SubmitButton pendingText="Asking…" className="button">
        {asked ? "Ask again" : "Ask the owners"}
      </SubmitButton>
    </Form>
  );
}

/** Staff's question and the owner's answer, for staff and the owner. */
export function CheckAnswer({ check }: { check: { request: string; answer: CheckAnswer | null; comment: string | null } }) {
  return (
    <div className="measure-check">
      <p className="muted">Would this meet the measure? “{check.request}”</p>
      <p>
        {check.answer ? (
          <>
            <strong>{answerLabels[check.answer]}</strong>
            {check.comment ? <> — “{check.comment}”</> : null}
          </>
        ) : (
          <span className="muted">No answer yet</span>
        )}
      </p>
    </div>
  );
}

/** The owner answers staff's check: yes, partly or no. */
export function AnswerCheckForm({
  action,
  answer,
  comment,
  feedback,
}: {
  action: string;
  answer: CheckAnswer | null;
  comment: string | null;
  feedback?: FormFeedback<"answer" | "comment">;
}) {
  return (
    <Form method="post" action={action} className="check-answer-form" id="check">
      <input type="hidden" name="intent" value="answer-check" />
      <fieldset aria-describedby={feedback?.errors.answer ? "answer-error" : undefined}>
        <legend>Would this design meet your measure?</legend>
        {(Object.keys(answerLabels) as CheckAnswer[]).map((a) => (
          <label key={a} className="choice">
            <input type="radio" name="answer" value={a} defaultChecked={(feedback?.values.answer ?? answer) === a} /> {answerLabels[a]}
          </label>
        ))}
        <FieldError name="answer" message={feedback?.errors.answer} />
      </fieldset>
      <TextAreaField
        label="Comment (optional)"
        name="comment"
        id="check-comment"
        rows={2}
        defaultValue={comment ?? ""}
        feedback={feedback}
      />
      <SubmitButton pendingText="Saving…" className="button">
        Send my answer
      </SubmitButton>
    </Form>
  );
}

/** A follow-up idea a verdict led to, or the owner's one click to open it. */
export function FollowUp({
  action,
  followUp,
  canOpen,
}: {
  action: string;
  followUp: { id: number; title: string } | null;
  canOpen: boolean;
}) {
  if (followUp) {
    return (
      <p className="measure-follow-up">
        Follow-up: <Link to={threadPath(followUp)}>{followUp.title}</Link>
      </p>
    );
  }
  if (!canOpen) return null;
  return (
    <Form method="post" action={action} className="follow-up-form">
      <input type="hidden" name="intent" value="follow-up" />
      <SubmitButton pendingText="Opening…" className="button">
        Open a follow-up idea
      </SubmitButton>
    </Form>
  );
}
