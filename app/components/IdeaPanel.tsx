import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "./SubmitButton";

type Props = {
  voteCount: number;
  hasVoted: boolean;
  canVote: boolean;
  signedIn: boolean;
  loginHref: string;
  /** Staff's links to the idea's own pages, when the viewer may use them. */
  staffLinks: { href: string; label: string }[];
};

/** The vote tally and vote button of an idea, and staff's links to manage it. */
export function IdeaPanel({ voteCount, hasVoted, canVote, signedIn, loginHref, staffLinks }: Props) {
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
      {staffLinks.length > 0 ? (
        <nav aria-label="Staff actions" className="staff-links">
          <ul>
            {staffLinks.map((link) => (
              <li key={link.href}>
                <Link to={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </aside>
  );
}

/** The links to an idea's staff pages that this viewer may use. */
export function ideaStaffLinks(
  thread: { id: number; coDesignedAt: number | null; status: string | null },
  permissions: {
    changeStatus: boolean;
    acceptIdea: boolean;
    creditCoDesigners: boolean;
    mergeIdea: boolean;
    planIdea: boolean;
    readStaffNotes: boolean;
    recordOnBehalf: boolean;
  },
) {
  const links: { href: string; label: string }[] = [];
  if (permissions.changeStatus) links.push({ href: `/threads/${thread.id}/status`, label: "Change status" });
  if (permissions.acceptIdea && thread.coDesignedAt === null && thread.status !== "open" && thread.status !== "declined") {
    links.push({ href: `/threads/${thread.id}/credits`, label: "★ Accept as co-designed" });
  }
  if (permissions.planIdea) links.push({ href: `/threads/${thread.id}/plan`, label: "Target release and issues" });
  if (permissions.recordOnBehalf) links.push({ href: `/threads/${thread.id}/on-behalf`, label: "Record feedback for a customer" });
  if (permissions.mergeIdea) links.push({ href: `/threads/${thread.id}/merge`, label: "Merge into another idea" });
  if (permissions.readStaffNotes) links.push({ href: `#staff-notes`, label: "Staff notes" });
  return links;
}
