import { Form, Link } from "@remix-run/react";
import type { FormFeedback } from "~/utils/form-feedback";
import { BODY_HINT, BODY_MAX } from "~/utils/form-limits";
import type { DraftPlace } from "./DraftStatus";
import { MarkdownEditor } from "./MarkdownEditor";
import { SubmitButton } from "./SubmitButton";

type Props = {
  canReply: boolean;
  signedIn: boolean;
  /** Why the form is missing when the viewer is signed in but can't reply. */
  closedMessage: string;
  loginHref: string;
  signupHref: string;
  /** The reply the action refused, with its message. */
  feedback?: FormFeedback<"body">;
  /** What the form starts with (the member's draft, a quoted post) and where its draft is kept. */
  initial?: { text: string | null; draft: DraftPlace } | null;
};

/** Why someone who may otherwise reply cannot reply here. */
export function replyClosedMessage(thread: { closedAt: number | null; locked: number }, merged: boolean): string {
  if (thread.closedAt !== null) return "This thread is closed: it takes no new replies.";
  if (thread.locked === 1) return "This thread is locked: it takes no new replies.";
  if (merged) return "This idea was merged: reply on the idea it went to.";
  return "You can't reply right now.";
}

export function ReplyForm({ canReply, signedIn, closedMessage, loginHref, signupHref, feedback, initial }: Props) {
  if (!signedIn) {
    return (
      <p className="callout">
        <Link to={loginHref}>Sign in</Link> or <Link to={signupHref}>join the community</Link> to reply.
      </p>
    );
  }
  if (!canReply) {
    return <p className="callout">{closedMessage}</p>;
  }
  return (
    <section aria-labelledby="reply-title" className="reply-form">
      <h2 id="reply-title">Your reply</h2>
      <Form method="post" preventScrollReset>
        <MarkdownEditor
          label="Reply"
          name="body"
          rows={6}
          required
          maxLength={BODY_MAX}
          defaultValue={initial?.text ?? undefined}
          draft={initial?.draft}
          feedback={feedback}
          hint={BODY_HINT}
        />
        <SubmitButton intent="reply" pendingText="Posting reply…" className="button button-primary">
          Post reply
        </SubmitButton>
      </Form>
    </section>
  );
}
