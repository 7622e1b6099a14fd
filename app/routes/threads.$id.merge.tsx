import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { MergeChoice, MergeSearchForm } from "~/components/MergePicker";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { getIdeaSummary } from "~/models/idea.server";
import { findMergeTargets, mergeIdea } from "~/models/idea-merge.server";
import { handleForm } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { threadPath } from "~/utils/slug";
import { mergeSchema, mergeSearchSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Merge a duplicate idea") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const idea = await getIdeaSummary(parseId(params.id, "thread id"), user);
  const search = mergeSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const targets = idea.mergedIntoId ? { ideas: [], suggested: false } : await findMergeTargets(user, idea.id, search);
  return { idea, search, ...targets };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const sourceId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  return handleForm(request, mergeSchema, async ({ targetId, reason }) => {
    await mergeIdea(user, sourceId, targetId, reason);
    return redirect(threadPath(await getIdeaSummary(targetId, user)));
  });
}

export default function MergeIdea() {
  const { idea, search, ideas, suggested } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Merge this idea into another">
      {idea.mergedIntoId ? (
        <p>This idea was already merged.</p>
      ) : (
        <>
          <p>
            Votes move to the idea you keep (a member who voted for both counts once), followers and success measures go with them, and this
            idea closes with a link to it.
          </p>
          <MergeSearchForm search={search} productName={idea.productName} />
          <MergeChoice ideas={ideas} suggested={suggested} search={search} feedback={actionData} />
        </>
      )}
    </ThreadSubpage>
  );
}
