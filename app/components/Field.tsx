import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import type { FormFeedback } from "~/utils/form-feedback";

/**
 * `id` defaults to `name`; give one when a page has several fields of the same name.
 * `feedback` is what the action answered when it refused the form: the field
 * shows its message and what was typed. Its field names are the schema's, so
 * a `name` the form doesn't have does not compile.
 */
type Common<K extends string> = {
  label: string;
  name: NoInfer<K>;
  id?: string;
  feedback?: FormFeedback<K>;
  error?: string;
  hint?: string;
};

/** The message and the typed value `feedback` holds for this field, unless the page gives its own. */
export function fromFeedback<K extends string>(name: K, feedback: FormFeedback<K> | undefined, error?: string, defaultValue?: unknown) {
  return {
    error: error ?? feedback?.errors[name],
    defaultValue: (feedback?.values[name] ?? defaultValue) as string | number | readonly string[] | undefined,
  };
}

export function describedBy(name: string, error?: string, hint?: string) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function Messages({ name, error, hint }: { name: string; error?: string; hint?: string }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} message={error} />
    </>
  );
}

/** A field's message, for fields built by hand (a select, a fieldset of choices); `aria-describedby` points at `${name}-error`. */
export function FieldError({ name, message }: { name: string; message?: string }) {
  return message ? (
    <p className="field-error" id={`${name}-error`} role="alert">
      {message}
    </p>
  ) : null;
}

type ControlProps = {
  id: string;
  name: string;
  defaultValue: string | number | readonly string[] | undefined;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/** A control with its label, hint and error message, tied together for screen readers. */
function Labelled<K extends string>({
  label,
  name,
  id,
  feedback,
  error,
  hint,
  defaultValue,
  control,
}: Common<K> & { defaultValue: unknown; control: (props: ControlProps) => ReactNode }) {
  const fieldId = id ?? name;
  const shown = fromFeedback(name, feedback, error, defaultValue);
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      {control({
        id: fieldId,
        name,
        defaultValue: shown.defaultValue,
        "aria-invalid": shown.error ? true : undefined,
        "aria-describedby": describedBy(fieldId, shown.error, hint),
      })}
      <Messages name={fieldId} error={shown.error} hint={hint} />
    </div>
  );
}

/** The props of the field (label, hint, feedback …) apart from those of the control itself. */
function splitField<K extends string, P extends Common<K> & { defaultValue?: unknown }>(props: P) {
  const { label, name, id, feedback, error, hint, defaultValue, ...control } = props;
  return [{ label, name, id, feedback, error, hint, defaultValue }, control] as const;
}

export function TextField<K extends string = string>(props: Common<K> & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const [field, input] = splitField<K, typeof props>(props);
  return <Labelled {...field} control={(tied) => <input {...tied} {...input} />} />;
}

export function TextAreaField<K extends string = string>(props: Common<K> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const [field, textarea] = splitField<K, typeof props>(props);
  return <Labelled {...field} control={(tied) => <textarea {...tied} {...textarea} />} />;
}

/** A message about the whole form (feedback's "form" entry), above it. */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The username field of sign-up and of choosing one after a first company sign-in, with the username rule as its hint. */
export function UsernameField<K extends string>({
  feedback,
  defaultValue,
}: {
  feedback?: FormFeedback<K | "username">;
  defaultValue?: string;
}) {
  return (
    <TextField
      label="Username"
      name="username"
      autoComplete="username"
      required
      defaultValue={defaultValue}
      feedback={feedback}
      hint="3–30 characters: lowercase letters, digits, dashes or underscores."
    />
  );
}
