import { Form } from "@remix-run/react";
import type { IntentFeedback } from "~/utils/form-feedback";
import { FieldError, FormError, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

type Person = { id: number; username: string; displayName: string | null; proposer: boolean };

const PROPOSER_NOTE = "Proposed the idea";

/** Accepting an idea: the author is credited as its proposer; staff tick the others who shaped it and say how. */
export function AcceptIdeaForm({ participants, feedback }: { participants: Person[]; feedback?: IntentFeedback<"accept", string> }) {
  return (
    <Form method="post" className="accept-form">
      <FormError message={feedback?.errors.form} />
      <fieldset>
        <legend>Credit the people who shaped it</legend>
        <p className="field-hint">The idea's author is always credited. Tick others and say what they contributed.</p>
        {participants.map((p) => {
          const name = p.displayName || p.username;
          const noteName = `contribution-${p.id}`;
          return (
            <div key={p.id} className="credit-choice">
              {p.proposer ? (
                <p className="choice credit-fixed">
                  <input type="hidden" name="credit" value={p.id} />
                  <span aria-hidden="true">★</span> {name} <span className="username">@{p.username}</span>{" "}
                  <span className="badge badge-codesigned">Always credited</span>
                </p>
              ) : (
                <label className="choice">
                  <input
                    type="checkbox"
                    name="credit"
                    value={p.id}
                    defaultChecked={(feedback?.values.credit ?? "").split(",").includes(String(p.id))}
                  />{" "}
                  {name} <span className="username">@{p.username}</span>
                </label>
              )}
              <TextField
                label={p.proposer ? `What ${name} contributed (the proposer)` : `What ${name} contributed`}
                name={noteName}
                maxLength={200}
                defaultValue={p.proposer ? PROPOSER_NOTE : ""}
                feedback={feedback}
              />
            </div>
          );
        })}
      </fieldset>
      <SubmitButton intent="accept" pendingText="Accepting…" className="button button-accent">
        ★ Accept as co-designed
      </SubmitButton>
    </Form>
  );
}

/** Credit one more participant after the idea was accepted. */
export function CreditForm({ people, feedback }: { people: Person[]; feedback?: IntentFeedback<"credit", "userId" | "contribution"> }) {
  if (people.length === 0) return <p className="muted">Everyone who took part is already credited.</p>;
  return (
    <Form method="post" className="credit-form" aria-labelledby="credit-form-title">
      <h2 id="credit-form-title">Credit someone else</h2>
      <div className="field">
        <label htmlFor="userId">Person</label>
        <select
          id="userId"
          name="userId"
          defaultValue={feedback?.values.userId}
          aria-invalid={feedback?.errors.userId ? true : undefined}
          aria-describedby={feedback?.errors.userId ? "userId-error" : undefined}
        >
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName || p.username} (@{p.username})
            </option>
          ))}
        </select>
        <FieldError name="userId" message={feedback?.errors.userId} />
      </div>
      <TextField label="Their contribution" name="contribution" maxLength={200} feedback={feedback} />
      <SubmitButton intent="credit" pendingText="Crediting…" className="button">
        Add credit
      </SubmitButton>
    </Form>
  );
}
