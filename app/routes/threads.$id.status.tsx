import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { StatusForm } from "~/components/StatusForm";
import { useStatusLabel, useStatusStyles } from "~/components/StatusStyles";
import { getIdeaSummary } from "~/models/idea.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { form, handleIntents } from "~/http/form-action.server";
import { setIdeaSubstatus } from "~/models/status-styles.server";
import { FieldError } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { feedbackFor } from "~/utils/form-feedback";
import { Form } from "@remix-run/react";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { statusSchema, substatusSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Change status") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return getIdeaSummary(parseId(params.id, "thread id"), user);
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  return handleIntents(
    request,
    {
      status: form(statusSchema, async (change) => {
        await setIdeaStatus(user, threadId, change);
        return redirect(`${threadPath(await getIdeaSummary(threadId, user))}#timeline`);
      }),
      substatus: form(substatusSchema, async ({ substatus }) => {
        await setIdeaSubstatus(user, threadId, substatus);
        return redirect(`/threads/${threadId}/status?saved=substatus`);
      }),
    },
    { withoutIntent: "status" },
  );
}

export default function ChangeStatus() {
  const idea = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const label = useStatusLabel();
  const { substatuses } = useStatusStyles();
  const choices = substatuses.filter((s) => s.status === idea.status);
  const substatusFeedback = feedbackFor(actionData, "substatus");
  return (
    <ThreadSubpage thread={idea} title="Change the idea's status">
      <p>
        Currently <strong>{label(idea.status)}</strong>.
      </p>
      {idea.status === "shipped" ? (
        <p>This idea has shipped; its status no longer changes.</p>
      ) : (
        <StatusForm threadId={idea.id} current={idea.status} feedback={feedbackFor(actionData, "status")} />
      )}
      {choices.length > 0 ? (
        <Form method="post" className="status-form" aria-labelledby="substatus-title">
          <h2 id="substatus-title">Step within “{label(idea.status)}”</h2>
          <div className="field">
            <label htmlFor="substatus">Sub-status</label>
            <select
              id="substatus"
              name="substatus"
              defaultValue={substatusFeedback?.values.substatus ?? String(idea.substatusId ?? "")}
              aria-describedby={substatusFeedback?.errors.substatus ? "substatus-error" : undefined}
            >
              <option value="">None</option>
              {choices.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <FieldError name="substatus" message={substatusFeedback?.errors.substatus} />
          </div>
          <SubmitButton intent="substatus" pendingText="Saving…" className="button">
            Set sub-status
          </SubmitButton>
        </Form>
      ) : null}
    </ThreadSubpage>
  );
}
