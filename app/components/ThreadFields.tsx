import type { ReactNode } from "react";
import { BODY_HINT, BODY_MAX } from "~/utils/body-limit";
import { TextAreaField, TextField } from "./Field";

type Props = {
  values: Partial<Record<string, string>>;
  errors: Partial<Record<string, string>>;
  onTitleChange?: (title: string) => void;
  /** Shown between the title and the body, e.g. similar threads. */
  afterTitle?: ReactNode;
};

/** The title and Markdown body shared by the new-thread and edit-thread forms. */
export function ThreadFields({ values, errors, onTitleChange, afterTitle }: Props) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        required
        minLength={3}
        maxLength={200}
        defaultValue={values.title}
        error={errors.title}
        hint="Between 3 and 200 characters. A clear, specific title gets better answers."
        onChange={onTitleChange ? (event) => onTitleChange(event.currentTarget.value) : undefined}
      />
      {afterTitle}
      <TextAreaField
        label="Details"
        name="body"
        rows={12}
        required
        maxLength={BODY_MAX}
        defaultValue={values.body}
        error={errors.body}
        hint={BODY_HINT}
      />
    </>
  );
}
