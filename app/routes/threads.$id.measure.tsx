import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { SuccessMeasures } from "~/components/SuccessMeasures";
import { getIdeaDetails, getIdeaSummary } from "~/models/idea.server";
import { giveVerdict, saveSuccessMeasure } from "~/models/success-measure.server";
import { getThreadPage } from "~/models/thread.server";
import { form, handleIntents } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { answerMeasureCheck, askMeasureCheck, scopeMeasure } from "~/models/measure-review.server";
import { openFollowUp } from "~/models/follow-up.server";
import { checkAnswerSchema, measureCheckSchema, measureSchema, scopeSchema, verdictSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your measure of success") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const threadId = parseId(params.id, "thread id");
  const idea = await getIdeaSummary(threadId, user);
  const [{ permissions }, details] = await Promise.all([getThreadPage(threadId, user), getIdeaDetails(user, threadId)]);
  return {
    idea,
    measures: details.measures,
    ownMeasure: details.ownMeasure,
    canWrite: permissions.writeSuccessMeasure,
    canReview: permissions.changeStatus,
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const andBack = async () => redirect(`${threadPath(await getIdeaSummary(threadId, user))}#measures`);
  return handleIntents(request, {
    measure: form(measureSchema, async ({ measure }) => {
      await saveSuccessMeasure(user, threadId, measure);
      return andBack();
    }),
    verdict: form(verdictSchema, async (verdict) => {
      await giveVerdict(user, threadId, verdict);
      return andBack();
    }),
    scope: form(scopeSchema, async (scope) => {
      await scopeMeasure(user, threadId, scope);
      return andBack();
    }),
    "ask-check": form(measureCheckSchema, async ({ request }) => {
      await askMeasureCheck(user, threadId, request);
      return andBack();
    }),
    "answer-check": form(checkAnswerSchema, async (answer) => {
      await answerMeasureCheck(user, threadId, answer);
      return andBack();
    }),
    "follow-up": async () => redirect(threadPath(await getIdeaSummary(await openFollowUp(user, threadId), user))),
  });
}

export default function SuccessMeasurePage() {
  const { idea, measures, ownMeasure, canWrite, canReview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Your measure of success">
      <SuccessMeasures
        threadId={idea.id}
        status={idea.status}
        canReview={canReview}
        measures={measures}
        ownMeasure={ownMeasure}
        canWrite={canWrite}
        loginHref={null}
        feedback={actionData}
      />
    </ThreadSubpage>
  );
}
