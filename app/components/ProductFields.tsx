import { TextAreaField, TextField } from "./Field";

type Props = { values: Partial<Record<string, string>>; errors: Partial<Record<string, string>> };

export function ProductFields({ values, errors }: Props) {
  return (
    <>
      <TextField label="Name" name="name" required defaultValue={values.name} error={errors.name} />
      <TextField
        label="Slug"
        name="slug"
        required
        defaultValue={values.slug}
        error={errors.slug}
        hint="Used in the address: /products/your-slug"
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={3}
        defaultValue={values.description}
        error={errors.description}
      />
    </>
  );
}
