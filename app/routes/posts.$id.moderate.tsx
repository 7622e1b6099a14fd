import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ModerationForms } from "~/components/ModerationForms";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { moderateAction, moderateLoader } from "~/routes/content-pages.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Staff tools") }];

export const loader = ({ params, request }: LoaderFunctionArgs) =>
  moderateLoader(request, { type: "post", id: parseId(params.id, "reply id") });

export const action = ({ params, request }: ActionFunctionArgs) =>
  moderateAction(request, { type: "post", id: parseId(params.id, "reply id") });

export default function ModerateReply() {
  const { summary, images } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={{ id: summary.threadId, title: summary.title }} title="Staff tools for this reply">
      <ModerationForms state={summary} images={images} result={result} />
    </ThreadSubpage>
  );
}
