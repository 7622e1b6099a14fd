/**
 * What every form action answers when it refuses the form: a message per
 * field and what the person typed, plus which of the page's forms it was
 * (`intent`). The pages and the components that show fields (Field.tsx …)
 * take this one shape. Field names come from the form's schema
 * (FieldsOf in app/utils/validation.server.ts), so `errors.titel` does not compile.
 */

/** A message per field of the form; "form" is for the form as a whole. */
export type FieldErrors<K extends string = string> = Partial<Record<K | "form", string>>;

/** What was typed, by field name; repeated fields (checkboxes) comma-separated; never passwords. */
export type FormValues = Partial<Record<string, string>>;

export type FormFeedback<K extends string = string> = {
  /** The submit button's intent: which of the page's forms this is about. */
  intent: string | null;
  errors: FieldErrors<K>;
  values: FormValues;
  /** A Markdown field's "Preview" (app/components/MarkdownEditor.tsx): the form came back with its text rendered. */
  preview?: MarkdownPreview;
};

/** A Markdown field's text rendered as it will be posted, or why it can't be. */
export type MarkdownPreview = { field: string; html: string | null; error: string | null };

/** The feedback of one of a page's forms, told apart by its intent (app/http/form-action.server.ts handleIntents). */
export type IntentFeedback<I extends string, K extends string> = FormFeedback<K> & { intent: I };

/** The feedback when it is about the form of this intent, else nothing (the action answered another form, or something else). */
export function feedbackFor<A, I extends string>(answer: A | undefined, intent: I): ForIntent<A, I> | undefined {
  const about = typeof answer === "object" && answer !== null && "intent" in answer ? answer.intent : undefined;
  return about === intent ? (answer as ForIntent<A, I>) : undefined;
}

/** The feedback tagged with this intent among what an action answers; untagged feedback as it is. */
type ForIntent<A, I extends string> = [Extract<A, { intent: I }>] extends [never] ? Extract<A, FormFeedback> : Extract<A, { intent: I }>;
