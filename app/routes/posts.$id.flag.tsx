import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FlagForm } from "~/components/FlagForm";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { flagAction, flagLoader } from "~/routes/content-pages.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Flag a reply") }];

export const loader = ({ params, request }: LoaderFunctionArgs) =>
  flagLoader(request, { type: "post", id: parseId(params.id, "reply id") });

export const action = ({ params, request }: ActionFunctionArgs) =>
  flagAction(request, { type: "post", id: parseId(params.id, "reply id") });

export default function FlagReply() {
  const { summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={{ id: summary.threadId, title: summary.title }} title="Flag this reply for staff">
      <FlagForm feedback={actionData} />
    </ThreadSubpage>
  );
}
