import { Form, Link } from "@remix-run/react";
import { threadPath } from "~/utils/slug";
import { MarkdownBody } from "./MarkdownBody";
import { SubmitButton } from "./SubmitButton";

type Panel = {
  memberCount: number;
  shown: { username: string; displayName: string | null }[];
  summaryHtml: string | null;
  own: { state: "invited" | "accepted" | "declined"; showName: boolean } | null;
  discussion: { id: number; title: string } | null;
  creditOffered: boolean;
  manage: boolean;
};

const customers = (n: number) => (n === 1 ? "1 customer" : `${n} customers`);

/** The idea's co-design group as the viewer may see it: a count and chosen names for all, an invitation or the discussion for its people. */
export function CodesignPanel({ ideaId, panel }: { ideaId: number; panel: Panel }) {
  const action = `/threads/${ideaId}/codesign`;
  return (
    <section className="codesign-panel" aria-labelledby="codesign-title" id="codesign">
      <h2 id="codesign-title">Co-design group</h2>
      <p>
        A co-design group of {customers(panel.memberCount)} is working on this.
        {panel.shown.length > 0 ? (
          <>
            {" "}
            With{" "}
            {panel.shown.map((p, i) => (
              <span key={p.username}>
                {i > 0 ? ", " : ""}
                <Link to={`/users/${p.username}`}>{p.displayName || p.username}</Link>
              </span>
            ))}
            .
          </>
        ) : null}
      </p>
      {panel.summaryHtml ? (
        <div className="codesign-summary">
          <h3>What the group worked out</h3>
          <MarkdownBody html={panel.summaryHtml} />
        </div>
      ) : null}
      {panel.own?.state === "invited" ? (
        <Form method="post" action={action} className="codesign-invite">
          <p>
            <strong>You are invited to join this group.</strong> Its discussion is private to its members and staff.
          </p>
          <label className="choice">
            <input type="checkbox" name="showName" /> Show my name on the public idea
          </label>
          <SubmitButton intent="join" pendingText="Joining…">
            Accept the invitation
          </SubmitButton>{" "}
          <SubmitButton intent="decline" pendingText="Declining…">
            Decline
          </SubmitButton>
        </Form>
      ) : null}
      {panel.discussion ? (
        <p>
          <Link to={threadPath(panel.discussion)}>Open the group's private discussion</Link>
        </p>
      ) : null}
      {panel.own?.state === "accepted" ? (
        <Form method="post" action={action} className="inline-form">
          <SubmitButton intent={panel.own.showName ? "hide-name" : "show-name"} pendingText="Saving…" className="button button-small">
            {panel.own.showName ? "Stop showing my name" : "Show my name on the idea"}
          </SubmitButton>{" "}
          <SubmitButton intent="decline" pendingText="Leaving…" className="button button-small">
            Leave the group
          </SubmitButton>
        </Form>
      ) : null}
      {panel.creditOffered ? (
        <Form method="post" action={action}>
          <p>The group's work is published. You are offered credit as a co-designer of this idea.</p>
          <SubmitButton intent="take-credit" pendingText="Accepting…" className="button button-accent">
            ★ Accept co-designer credit
          </SubmitButton>
        </Form>
      ) : null}
      {panel.manage ? (
        <p>
          <Link to={action}>Manage the co-design group</Link>
        </p>
      ) : null}
    </section>
  );
}
