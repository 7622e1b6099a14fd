import { data } from "@remix-run/node";
import { formValues, type FieldErrors, type FormValues } from "./validation";

/** A form comes back with one message next to a field and everything the person typed (never passwords). */
export function formError(field: string, message: string, form: FormData, init: { status?: number; headers?: HeadersInit } = {}) {
  const errors: FieldErrors = { [field]: message };
  const values: FormValues = formValues(form);
  return data({ errors, values }, { status: init.status ?? 400, headers: init.headers });
}
