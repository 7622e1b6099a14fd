import type { ReactNode } from "react";
import type { FormFeedback } from "~/utils/form-feedback";
import { BODY_HINT, BODY_MAX, TITLE_MAX, TITLE_MIN } from "~/utils/form-limits";
import { TextField } from "./Field";
import type { DraftPlace } from "./DraftStatus";
import { MarkdownEditor } from "./MarkdownEditor";

type Props = {
  /** What the form showed first (an edit: the thread as it is). */
  initial?: { title?: string; body?: string };
  feedback?: FormFeedback<"title" | "body">;
  onTitleChange?: (title: string) => void;
  /** Shown between the title and the body, e.g. similar threads. */
  afterTitle?: ReactNode;
  /** A new thread is kept as the member's draft while it is written. */
  draft?: DraftPlace;
};

/** The title and Markdown body shared by the new-thread and edit-thread forms. */
export function ThreadFields({ initial, feedback, onTitleChange, afterTitle, draft }: Props) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        required
        minLength={TITLE_MIN}
        maxLength={TITLE_MAX}
        defaultValue={initial?.title}
        feedback={feedback}
        hint={`Between ${TITLE_MIN} and ${TITLE_MAX} characters. A clear, specific title gets better answers.`}
        onChange={onTitleChange ? (event) => onTitleChange(event.currentTarget.value) : undefined}
      />
      {afterTitle}
      <MarkdownEditor
        label="Details"
        name="body"
        rows={12}
        required
        maxLength={BODY_MAX}
        defaultValue={initial?.body}
        feedback={feedback}
        hint={BODY_HINT}
        draft={draft}
      />
    </>
  );
}
