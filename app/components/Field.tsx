import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
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
function fromFeedback<K extends string>(name: K, feedback: FormFeedback<K> | undefined, error?: string, defaultValue?: unknown) {
  return {
    error: error ?? feedback?.errors[name],
    defaultValue: (feedback?.values[name] ?? defaultValue) as string | number | readonly string[] | undefined,
  };
}

function describedBy(name: string, error?: string, hint?: string) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Messages({ name, error, hint }: { name: string; error?: string; hint?: string }) {
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

/** A labelled input with its hint and error message tied to it for screen readers. */
export function TextField<K extends string = string>({
  label,
  name,
  id,
  feedback,
  error,
  hint,
  defaultValue,
  ...input
}: Common<K> & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const fieldId = id ?? name;
  const shown = fromFeedback(name, feedback, error, defaultValue);
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input
        id={fieldId}
        name={name}
        aria-invalid={shown.error ? true : undefined}
        aria-describedby={describedBy(fieldId, shown.error, hint)}
        defaultValue={shown.defaultValue}
        {...input}
      />
      <Messages name={fieldId} error={shown.error} hint={hint} />
    </div>
  );
}

export function TextAreaField<K extends string = string>({
  label,
  name,
  id,
  feedback,
  error,
  hint,
  defaultValue,
  ...textarea
}: Common<K> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const fieldId = id ?? name;
  const shown = fromFeedback(name, feedback, error, defaultValue);
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        name={name}
        aria-invalid={shown.error ? true : undefined}
        aria-describedby={describedBy(fieldId, shown.error, hint)}
        defaultValue={shown.defaultValue}
        {...textarea}
      />
      <Messages name={fieldId} error={shown.error} hint={hint} />
    </div>
  );
}

/** A message about the whole form (feedback's "form" entry), above it. */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
