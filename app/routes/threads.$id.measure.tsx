import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { SuccessMeasures } from "~/components/SuccessMeasures";
import { getIdeaDetails, getIdeaSummary } from "~/models/idea.server";
import { giveVerdict, saveSuccessMeasure } from "~/models/success-measure.server";
import { getThreadPage } from "~/models/thread.server";
import { invariantResponse, parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { measureSchema, parseForm, verdictSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your measure of success") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const threadId = parseId(params.id, "thread id");
  const idea = await getIdeaSummary(threadId, user);
  const [{ permissions }, details] = await Promise.all([getThreadPage(threadId, user), getIdeaDetails(user, threadId)]);
  return { idea, measures: details.measures, ownMeasure: details.ownMeasure, canWrite: permissions.writeSuccessMeasure };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  invariantResponse(intent === "measure" || intent === "verdict", "That action is not something this page can do.", {
    status: 400,
  });
  if (intent === "measure") {
    const parsed = parseForm(measureSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await saveSuccessMeasure(user, threadId, parsed.data.measure);
  } else {
    const parsed = parseForm(verdictSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await giveVerdict(user, threadId, parsed.data);
  }
  return redirect(`${threadPath(await getIdeaSummary(threadId, user))}#measures`);
}

export default function SuccessMeasurePage() {
  const { idea, measures, ownMeasure, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Your measure of success">
      <SuccessMeasures
        threadId={idea.id}
        shipped={idea.status === "shipped"}
        measures={measures}
        ownMeasure={ownMeasure}
        canWrite={canWrite}
        loginHref={null}
        errors={actionData?.errors}
        values={actionData?.values}
      />
    </ThreadSubpage>
  );
}
