import { Form, Link } from "@remix-run/react";
import type { IntentFeedback } from "~/utils/form-feedback";
import { FieldError } from "./Field";
import { SubmitButton } from "./SubmitButton";

type Poll = {
  multiple: boolean;
  results: "after_vote" | "after_close";
  closesAt: number | null;
  closed: boolean;
  voted: boolean;
  showResults: boolean;
  voterCount: number | null;
  options: { id: number; label: string; votes: number | null }[];
  mine: number[];
};

const when = (ms: number) => new Date(ms).toUTCString().replace(" GMT", " UTC");

/** A thread's poll: a form of radios or checkboxes (works without JavaScript), and the counts once the author's rule allows. */
export function PollPanel({
  poll,
  canVote,
  loginHref,
  feedback,
}: {
  poll: Poll;
  canVote: boolean;
  loginHref: string | null;
  feedback?: IntentFeedback<"poll-vote", "option">;
}) {
  const total = poll.options.reduce((sum, o) => sum + (o.votes ?? 0), 0);
  const open = !poll.closed;
  return (
    <section className="poll" id="poll" aria-labelledby="poll-title">
      <h2 id="poll-title">Poll{poll.closed ? " (closed)" : ""}</h2>
      <p className="muted">
        {poll.multiple ? "Choose one or more." : "Choose one."}{" "}
        {poll.closesAt ? `${poll.closed ? "Closed" : "Closes"} ${when(poll.closesAt)}. ` : ""}
        {poll.results === "after_close" ? "Results show when the poll closes." : "Results show once you have voted."}
      </p>
      <Form method="post">
        <fieldset aria-describedby={feedback?.errors.option ? "option-error" : undefined}>
          <legend className="visually-hidden">Options</legend>
          {poll.options.map((o) => (
            <div key={o.id} className="poll-option">
              <label className="choice">
                <input
                  type={poll.multiple ? "checkbox" : "radio"}
                  name="option"
                  value={o.id}
                  defaultChecked={poll.mine.includes(o.id)}
                  disabled={!open || !canVote}
                />{" "}
                {o.label}
              </label>
              {o.votes !== null ? (
                <span className="poll-count">
                  <meter min={0} max={Math.max(total, 1)} value={o.votes} aria-hidden="true" /> {o.votes} {o.votes === 1 ? "vote" : "votes"}
                </span>
              ) : null}
            </div>
          ))}
          <FieldError name="option" message={feedback?.errors.option} />
        </fieldset>
        {open && canVote ? (
          <SubmitButton intent="poll-vote" pendingText="Voting…" className="button button-small">
            {poll.voted ? "Change my vote" : "Vote"}
          </SubmitButton>
        ) : null}
        {open && loginHref ? (
          <p>
            <Link to={loginHref}>Sign in</Link> to vote.
          </p>
        ) : null}
      </Form>
      {poll.voterCount !== null ? (
        <p className="muted">{poll.voterCount === 1 ? "1 person voted." : `${poll.voterCount} people voted.`}</p>
      ) : null}
    </section>
  );
}
