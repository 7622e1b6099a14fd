import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

/** `id` defaults to `name`; give one when a page has several fields of the same name. */
type Common = { label: string; name: string; id?: string; error?: string; hint?: string };

function describedBy(name: string, error?: string, hint?: string) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Messages({ name, error, hint }: Omit<Common, "label" | "id">) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input with its hint and error message tied to it for screen readers. */
export function TextField({ label, name, id, error, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = id ?? name;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input
        id={fieldId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        {...input}
      />
      <Messages name={fieldId} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  label,
  name,
  id,
  error,
  hint,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fieldId = id ?? name;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint)}
        {...textarea}
      />
      <Messages name={fieldId} error={error} hint={hint} />
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
