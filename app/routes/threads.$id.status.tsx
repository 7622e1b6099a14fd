import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { StatusForm } from "~/components/StatusForm";
import { getIdeaSummary } from "~/models/idea.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { handleForm } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { statusLabels } from "~/utils/idea-status";
import { threadPath } from "~/utils/slug";
import { statusSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Change status") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return getIdeaSummary(parseId(params.id, "thread id"), user);
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireStaff(request);
  return handleForm(request, statusSchema, async (change) => {
    await setIdeaStatus(user, threadId, change);
    return redirect(`${threadPath(await getIdeaSummary(threadId, user))}#timeline`);
  });
}

export default function ChangeStatus() {
  const idea = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={idea} title="Change the idea's status">
      <p>
        Currently <strong>{statusLabels[idea.status]}</strong>.
      </p>
      {idea.status === "shipped" ? (
        <p>This idea has shipped; its status no longer changes.</p>
      ) : (
        <StatusForm threadId={idea.id} current={idea.status} feedback={actionData} />
      )}
    </ThreadSubpage>
  );
}
