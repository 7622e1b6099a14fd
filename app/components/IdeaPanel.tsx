import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "./SubmitButton";

type Props = {
  voteCount: number;
  hasVoted: boolean;
  canVote: boolean;
  signedIn: boolean;
  loginHref: string;
  canAccept: boolean;
  coDesigned: boolean;
};

/** The vote tally and vote button of an idea, and staff's "accept as co-designed". */
export function IdeaPanel({ voteCount, hasVoted, canVote, signedIn, loginHref, canAccept, coDesigned }: Props) {
  return (
    <aside className="idea-panel" aria-label="Votes">
      <p className="vote-count">
        <strong>{voteCount}</strong> {voteCount === 1 ? "vote" : "votes"}
      </p>
      {canVote ? (
        <Form method="post" preventScrollReset>
          {hasVoted ? (
            <SubmitButton intent="unvote" pendingText="Removing…" className="button">
              ✓ Voted · Remove my vote
            </SubmitButton>
          ) : (
            <SubmitButton intent="vote" pendingText="Voting…" className="button button-primary">
              ▲ Vote for this idea
            </SubmitButton>
          )}
        </Form>
      ) : !signedIn ? (
        <Link className="button button-primary" to={loginHref}>
          Sign in to vote
        </Link>
      ) : null}
      {canAccept && !coDesigned ? (
        <Form method="post" preventScrollReset className="staff-action">
          <SubmitButton intent="accept-idea" pendingText="Accepting…" className="button button-accent">
            ★ Accept as co-designed
          </SubmitButton>
        </Form>
      ) : null}
    </aside>
  );
}
