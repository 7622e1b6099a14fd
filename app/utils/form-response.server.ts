import { data } from "@remix-run/node";
import { DomainError } from "~/models/errors.server";
import { refusalHeaders, refusalStatus } from "~/http/refusals.server";
import { formValues, type FieldErrors, type FormValues } from "./validation";

/** A form comes back with one message next to a field and everything the person typed (never passwords). */
export function formError(field: string, message: string, form: FormData, init: { status?: number; headers?: HeadersInit } = {}) {
  const errors: FieldErrors = { [field]: message };
  const values: FormValues = formValues(form);
  return data({ errors, values }, { status: init.status ?? 400, headers: init.headers });
}

/**
 * Runs a model write; when the model refuses what was typed (a FieldRefusal:
 * a status the idea already has, a posting limit, text that can't be
 * rendered), the form comes back with the message next to the refusal's field
 * (or `field`), the same status and headers, and the text kept. Any other
 * thrown response goes on to the error page.
 */
export async function keepFormOnRefusal<T>(
  field: string,
  form: FormData,
  write: () => Promise<T>,
): Promise<{ ok: true; written: T } | { ok: false; message: string; refused: ReturnType<typeof formError> }> {
  try {
    return { ok: true, written: await write() };
  } catch (thrown) {
    if (!(thrown instanceof DomainError) || Object.keys(thrown.fields).length === 0) throw thrown;
    const refused = formError(Object.keys(thrown.fields)[0] ?? field, thrown.message, form, { status: refusalStatus(thrown), headers: refusalHeaders(thrown) });
    return { ok: false, message: thrown.message, refused };
  }
}
