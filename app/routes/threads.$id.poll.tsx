import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FieldError, FormError, TextAreaField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { handleForm } from "~/http/form-action.server";
import { addPoll, getPollTarget, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN } from "~/models/poll.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { pollSchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Add a poll") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getPollTarget(user, parseId(params.id, "thread id"));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  return handleForm(request, pollSchema, async (poll) => {
    await addPoll(user, threadId, poll);
    return redirect(`/threads/${threadId}#poll`);
  });
}

export default function AddPollPage() {
  const thread = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  if (thread.hasPoll) {
    return (
      <ThreadSubpage thread={thread} title="Add a poll">
        <p>This thread already has a poll.</p>
      </ThreadSubpage>
    );
  }
  const results = feedback?.values.results ?? "after_vote";
  return (
    <ThreadSubpage thread={thread} title="Add a poll">
      <Form method="post" className="poll-form">
        <FormError message={feedback?.errors.form} />
        <TextAreaField
          label="Options, one per line"
          name="options"
          rows={6}
          required
          hint={`Between ${POLL_OPTIONS_MIN} and ${POLL_OPTIONS_MAX} options.`}
          feedback={feedback}
        />
        <label className="choice">
          <input type="checkbox" name="multiple" defaultChecked={feedback?.values.multiple === "on"} /> People may choose several options
        </label>
        <fieldset aria-describedby={feedback?.errors.results ? "results-error" : undefined}>
          <legend>When voters see the results</legend>
          <label className="choice">
            <input type="radio" name="results" value="after_vote" defaultChecked={results === "after_vote"} /> Once they have voted
          </label>
          <label className="choice">
            <input type="radio" name="results" value="after_close" defaultChecked={results === "after_close"} /> Only after the poll closes
          </label>
          <FieldError name="results" message={feedback?.errors.results} />
        </fieldset>
        <TextField
          label="Closes at (UTC, optional)"
          name="closesAt"
          type="datetime-local"
          hint="Leave empty to keep it open."
          feedback={feedback}
        />
        <SubmitButton pendingText="Adding…">Add the poll</SubmitButton>
      </Form>
    </ThreadSubpage>
  );
}
