import { Form } from "@remix-run/react";
import type { FormFeedback } from "~/utils/form-feedback";
import { FieldError } from "./Field";
import { SubmitButton } from "./SubmitButton";

/** Upload a CSV of accounts: a row with an existing slug updates that account; one bad row and nothing is imported. */
export function AccountImportForm({ feedback }: { feedback?: FormFeedback<"file"> }) {
  const error = feedback?.errors.file;
  return (
    <section className="form-page" aria-labelledby="import-accounts-title">
      <h2 id="import-accounts-title" className="form-title">
        Import accounts from CSV
      </h2>
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">CSV file (UTF-8)</label>
          <p className="field-hint" id="file-hint">
            Columns: name, slug, domains, plan, segment, arr, owner, public. A row whose slug exists updates that account.
          </p>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={error ? "file-hint file-error" : "file-hint"}
            aria-invalid={error ? true : undefined}
          />
          <FieldError name="file" message={error} />
        </div>
        <SubmitButton intent="import" pendingText="Importing…" className="button">
          Import
        </SubmitButton>
      </Form>
    </section>
  );
}
