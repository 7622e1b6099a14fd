import { redirect } from "@remix-run/node";
import type { Actor } from "~/auth/permissions.server";
import { form } from "~/http/form-action.server";
import { importAccountsCsv } from "~/models/account-csv.server";
import { accountImportSchema } from "~/utils/validation.server";

/** The import form of /admin/accounts: the uploaded file's bytes go to the model, which refuses a bad file by line. */
export const importAccountsFromForm = (actor: Actor, formData: FormData) =>
  form(accountImportSchema, async (_input, sent) => {
    const file = sent.get("file");
    const bytes = typeof file === "object" && file !== null ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const count = await importAccountsCsv(actor, bytes);
    return redirect(`/admin/accounts?imported=${count}`);
  })(formData);
