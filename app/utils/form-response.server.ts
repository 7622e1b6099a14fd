import { data } from "@remix-run/node";
import { FieldRefusal } from "./http";
import { formValues, type FieldErrors, type FormValues } from "./validation";

/** A form comes back with one message next to a field and everything the person typed (never passwords). */
export function formError(field: string, message: string, form: FormData, init: { status?: number; headers?: HeadersInit } = {}) {
  const errors: FieldErrors = { [field]: message };
  const values: FormValues = formValues(form);
  return data({ errors, values }, { status: init.status ?? 400, headers: init.headers });
}

/**
 * Runs a model call for a form. A FieldRefusal it throws comes back as the
 * form with the message next to its field and what was typed (null when the
 * call succeeded); any other thrown response goes on to the error page.
 */
export async function formRefusal(form: FormData, run: () => Promise<unknown>) {
  try {
    await run();
    return null;
  } catch (thrown) {
    if (thrown instanceof FieldRefusal) return formError(thrown.field, thrown.message, form, { status: thrown.status });
    throw thrown;
  }
}
