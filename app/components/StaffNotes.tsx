import { Form } from "@remix-run/react";
import type { FormFeedback } from "~/utils/form-feedback";
import { BODY_HINT, BODY_MAX } from "~/utils/form-limits";
import { TextAreaField } from "./Field";
import { MarkdownBody } from "./MarkdownBody";
import { RelativeTime } from "./RelativeTime";
import { SubmitButton } from "./SubmitButton";
import { ProfileLink } from "./UserName";

type Note = { id: number; bodyHtml: string; createdAt: number; authorUsername: string; authorDisplayName: string | null };

/** Internal notes; the page only receives them when the viewer is staff. */
export function StaffNotes({ threadId, notes, feedback }: { threadId: number; notes: Note[]; feedback?: FormFeedback<"body"> }) {
  return (
    <section className="staff-notes" aria-labelledby="staff-notes-title" id="staff-notes">
      <h2 id="staff-notes-title">
        Staff notes <span className="muted">(only staff can see these)</span>
      </h2>
      {notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul>
        {notes.map((note) => (
          <li key={note.id} className="staff-note">
            <p className="muted">
              <ProfileLink username={note.authorUsername} displayName={note.authorDisplayName} /> · <RelativeTime ms={note.createdAt} />
            </p>
            <MarkdownBody html={note.bodyHtml} />
          </li>
        ))}
      </ul>
      <Form method="post" action={`/threads/${threadId}/staff-notes`}>
        <TextAreaField label="Add a staff note" name="body" rows={3} maxLength={BODY_MAX} feedback={feedback} hint={BODY_HINT} />
        <SubmitButton pendingText="Saving…" className="button">
          Save note
        </SubmitButton>
      </Form>
    </section>
  );
}
