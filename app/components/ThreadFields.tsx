import { TextAreaField, TextField } from "./Field";

type Props = {
  values: Partial<Record<string, string>>;
  errors: Partial<Record<string, string>>;
};

/** The title and Markdown body shared by the new-thread and edit-thread forms. */
export function ThreadFields({ values, errors }: Props) {
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
      />
      <TextAreaField
        label="Details"
        name="body"
        rows={12}
        required
        maxLength={50000}
        defaultValue={values.body}
        error={errors.body}
        hint="Markdown works: **bold**, _italic_, `code`, ``` fenced code blocks ```, lists and links."
      />
    </>
  );
}
