import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { FieldError, TextAreaField, TextField } from "~/components/Field";
import { OnBehalfRecords } from "~/components/OnBehalf";
import { SubmitButton } from "~/components/SubmitButton";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { accountChoices } from "~/models/account.server";
import { getIdeaSummary } from "~/models/idea.server";
import { listOnBehalf, recordOnBehalf, removeOnBehalf } from "~/models/on-behalf.server";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { USE_CASE_MAX } from "~/utils/form-limits";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { threadPath } from "~/utils/slug";
import { onBehalfSchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Record feedback for a customer") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const threadId = parseId(params.id, "thread id");
  const [idea, accounts, records] = await Promise.all([
    getIdeaSummary(threadId, staff),
    accountChoices(staff),
    listOnBehalf(staff, threadId),
  ]);
  return { idea, accounts, records };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const threadId = parseId(params.id, "thread id");
  return handleIntents(request, {
    record: form(onBehalfSchema, async (input) => {
      await recordOnBehalf(staff, threadId, input);
      return redirect(`${threadPath(await getIdeaSummary(threadId, staff))}#on-behalf`);
    }),
    remove: async (formData) => {
      await removeOnBehalf(staff, threadId, parseId(formData.get("recordId"), "record"));
      return redirect(`/threads/${threadId}/on-behalf`);
    },
  });
}

export default function OnBehalfPage() {
  const { idea, accounts, records } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "record");
  const chosen = feedback?.values.account ?? "";
  return (
    <ThreadSubpage thread={idea} title="Record feedback for a customer">
      <p className="muted">
        From a call or a ticket. With a person named, it is their vote: they are told and can take it back. Without one, it counts toward
        the account's demand but not the public vote count.
      </p>
      {accounts.length === 0 ? (
        <p className="empty">There are no customer accounts yet. Add one at Customer accounts first.</p>
      ) : (
        <Form method="post" noValidate>
          <div className="field">
            <label htmlFor="account">Customer account</label>
            <select
              id="account"
              name="account"
              defaultValue={chosen}
              aria-invalid={feedback?.errors.account ? true : undefined}
              aria-describedby={feedback?.errors.account ? "account-error" : undefined}
            >
              <option value="">Choose an account</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <FieldError name="account" message={feedback?.errors.account} />
          </div>
          <TextField label="Person (username, optional)" name="person" feedback={feedback} hint="Someone who belongs to that account." />
          <TextAreaField label="Their use case, in their words" name="useCase" rows={4} maxLength={USE_CASE_MAX} feedback={feedback} />
          <SubmitButton intent="record" pendingText="Recording…" className="button button-primary">
            Record vote on their behalf
          </SubmitButton>
        </Form>
      )}
      {records.length > 0 ? (
        <>
          <OnBehalfRecords records={records} viewerId={null} />
          <ul className="plain-list">
            {records.map((r) => (
              <li key={r.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="recordId" value={r.id} />
                  <SubmitButton intent="remove" pendingText="Removing…" className="button button-small button-quiet">
                    Remove the record for {r.accountName}
                    {r.personUsername ? ` (@${r.personUsername})` : ""}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </ThreadSubpage>
  );
}
