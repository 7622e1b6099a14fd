import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { EditHistory } from "~/components/EditHistory";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { getHistory } from "~/models/revision.server";
import { historyAction } from "~/routes/content-pages.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Edit history") }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  return getHistory(await getUser(request), { type: "thread", id: parseId(params.id, "thread id") });
}

export const action = ({ params, request }: ActionFunctionArgs) =>
  historyAction(request, { type: "thread", id: parseId(params.id, "thread id") });

export default function ThreadHistory() {
  const history = useLoaderData<typeof loader>();
  return (
    <ThreadSubpage thread={history.thread} title="Edit history of the thread">
      <EditHistory {...history} />
    </ThreadSubpage>
  );
}
