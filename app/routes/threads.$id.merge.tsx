import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { TextField } from "~/components/Field";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { SubmitButton } from "~/components/SubmitButton";
import { getIdeaSummary, mergeIdea } from "~/models/idea.server";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { mergeSchema, parseForm } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Merge a duplicate idea — Cocreate" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return getIdeaSummary(parseId(params.id, "thread id"), user);
}

export async function action({ params, request }: ActionFunctionArgs) {
  const sourceId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  const parsed = parseForm(mergeSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await mergeIdea(user, sourceId, parsed.data.targetId);
  return redirect(threadPath(await getIdeaSummary(parsed.data.targetId, user)));
}

export default function MergeIdea() {
  const idea = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Merge this idea into another">
      {idea.mergedIntoId ? (
        <p>This idea was already merged.</p>
      ) : (
        <Form method="post">
          <p>
            Votes move to the other idea (a member who voted for both counts once), followers and success measures go
            with them, and this idea closes with a link to it.
          </p>
          <TextField
            label="Number of the idea to keep"
            name="targetId"
            inputMode="numeric"
            hint="The number in the other idea's address, e.g. 12 for /threads/12."
            defaultValue={actionData?.values.targetId}
            error={actionData?.errors.targetId}
            required
          />
          <SubmitButton pendingText="Merging…" className="button button-primary">
            Merge into that idea
          </SubmitButton>
        </Form>
      )}
    </ThreadSubpage>
  );
}
