import { data } from "@remix-run/node";
import type { z } from "zod";
import { DomainError, Invalid, RateLimited } from "~/models/errors.server";
import { previewMarkdown } from "~/models/preview.server";
import type { FieldErrors, FormFeedback, MarkdownPreview } from "~/utils/form-feedback";
import { consume, type Limited, type LimitName } from "./rate-limit.server";
import { formValues, parseForm, type FieldsOf } from "~/utils/validation.server";
import { refusalHeaders, refusalStatus } from "./refusals.server";

/**
 * How every action reads its form, in one of two ways:
 *
 *   return handleForm(request, statusSchema, async (input) => { … return redirect(…) });
 *
 *   return handleIntents(request, {
 *     reply: form(replySchema, async ({ body }) => …),
 *     vote: async () => …,
 *   });
 *
 * A form that fails its schema, or that a model refuses naming one of its
 * fields (a Conflict("status", …), a posting limit on "body" …), comes back
 * with the messages next to the fields, what was typed, and the refusal's
 * status (400, 409, 429 with Retry-After): one shape, FormFeedback, typed by
 * the schema's fields. A refusal naming no field goes on to the error page
 * (app/http/refusals.server.ts).
 */

type Answer<T> = ReturnType<typeof data<T>>;
type Refused<K extends string> = Answer<FormFeedback<K>>;

/** The form as it comes back when it was refused. */
function refused<K extends string>(refusal: DomainError, formData: FormData): Refused<K> {
  const intent = formData.get("intent");
  return data(
    { intent: typeof intent === "string" ? intent : null, errors: refusal.fields as FieldErrors<K>, values: formValues(formData) },
    { status: refusalStatus(refusal), headers: refusalHeaders(refusal) },
  );
}

/**
 * The "Preview" button of a page's Markdown field (app/components/MarkdownEditor.tsx),
 * for the page's intent table (`{ reply: form(…), preview }`): without JavaScript it
 * posts the form, which comes back as typed with the text rendered as it would be
 * posted, writing nothing.
 */
export async function preview(formData: FormData): Promise<Answer<FormFeedback & { intent: "preview"; preview: MarkdownPreview }>> {
  const field = formData.get("preview-field");
  const name = typeof field === "string" && field ? field : "body";
  const source = formData.get(name);
  const rendered = await previewMarkdown(name, typeof source === "string" ? source : "");
  return data({ intent: "preview" as const, errors: {}, values: formValues(formData), preview: rendered });
}

/** Parses a form (or a JSON API body) with its schema; what fails is refused (Invalid, 400) with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, sent: FormData | Record<string, unknown>): z.output<S> {
  const parsed = parseForm(schema, sent);
  if (parsed.ok) return parsed.data;
  let refusal: Invalid | undefined;
  for (const [field, message = ""] of Object.entries(parsed.errors)) refusal = refusal?.and(field, message) ?? new Invalid(field, message);
  throw refusal ?? new Invalid("form", "Check the form and send it again.");
}

type FormOptions = {
  before?: () => Promise<void>;
  /** What a refused form keeps besides coming back as typed (the text as the member's draft). */
  onRefused?: (formData: FormData) => Promise<void>;
};

/**
 * One of a page's forms: parsed with its schema, then handled; refused fields
 * come back as the form's feedback. `before` runs ahead of the schema, for what
 * every attempt must count toward, well-formed or not (the sign-up limit).
 */
export function form<S extends z.ZodType, R>(
  schema: S,
  handle: (input: z.output<S>, formData: FormData) => Promise<R>,
  options: FormOptions = {},
) {
  return async (formData: FormData): Promise<R | Refused<FieldsOf<S>>> => {
    try {
      await options.before?.();
      return await handle(parseInput(schema, formData), formData);
    } catch (thrown) {
      if (thrown instanceof DomainError) await options.onRefused?.(formData);
      if (thrown instanceof DomainError && Object.keys(thrown.fields).length > 0) return refused<FieldsOf<S>>(thrown, formData);
      throw thrown;
    }
  };
}

/** A page with one form. */
export async function handleForm<S extends z.ZodType, R>(
  request: Request,
  schema: S,
  handle: (input: z.output<S>, formData: FormData) => Promise<R>,
  options: FormOptions = {},
): Promise<R | Refused<FieldsOf<S>>> {
  return form(schema, handle, options)(await request.formData());
}

type IntentHandler = (formData: FormData) => Promise<unknown>;

/** A refused form's feedback says which intent's form it is, so a page with several forms can tell. */
type Tagged<R, I extends string> = R extends { data: FormFeedback<infer K> } ? Answer<FormFeedback<K> & { intent: I }> : R;

export type IntentAnswer<H extends Record<string, IntentHandler>> = {
  [I in keyof H & string]: Tagged<Awaited<ReturnType<H[I]>>, I>;
}[keyof H & string];

export const UNKNOWN_INTENT = "That action is not something this page can do.";

/**
 * A page's buttons, one handler per `intent` (the submit button's value):
 * the route reads as the list of what it can do. Any other intent is a 400,
 * and so is none, unless the page names the intent of a form sent without
 * one (`withoutIntent`: a script posting the page's main form).
 */
export async function handleIntents<H extends Record<string, IntentHandler>>(
  request: Request,
  intents: H,
  options: { withoutIntent?: keyof H & string } = {},
): Promise<IntentAnswer<H>> {
  const formData = await request.formData();
  if (!formData.has("intent") && options.withoutIntent) formData.set("intent", options.withoutIntent);
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !Object.hasOwn(intents, intent)) throw new Invalid(UNKNOWN_INTENT);
  return (await intents[intent]!(formData)) as IntentAnswer<H>;
}

/**
 * Counts one more try against a rate limit; once it is used up the form
 * comes back with `message` next to `field`, what was typed kept, and
 * 429 with Retry-After.
 */
export async function limitRate(name: LimitName, key: string | number, field: string, message: (wait: Limited) => string): Promise<void> {
  const wait = await consume(name, key);
  if (wait) throw new RateLimited(field, message(wait), wait.retryAfter);
}
