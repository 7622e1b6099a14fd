import type { FormFeedback } from "~/utils/form-feedback";
import { TextAreaField, TextField } from "./Field";

type Props = {
  /** The product as it is, on its edit page. */
  initial?: { name: string; slug: string; description: string };
  feedback?: FormFeedback<"name" | "slug" | "description">;
};

export function ProductFields({ initial, feedback }: Props) {
  return (
    <>
      <TextField label="Name" name="name" required defaultValue={initial?.name} feedback={feedback} />
      <TextField
        label="Slug"
        name="slug"
        required
        defaultValue={initial?.slug}
        feedback={feedback}
        hint="Used in the address: /products/your-slug"
      />
      <TextAreaField label="Description" name="description" rows={3} defaultValue={initial?.description} feedback={feedback} />
    </>
  );
}
