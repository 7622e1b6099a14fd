import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ModerationForms } from "~/components/ModerationForms";
import { ThreadSubpage } from "~/components/ThreadSubpage";
import { listProducts } from "~/models/product.server";
import { moderateAction, moderateLoader } from "~/routes/content-pages.server";
import { parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Staff tools") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = await moderateLoader(request, { type: "thread", id: parseId(params.id, "thread id") });
  const products = (await listProducts()).map((p) => ({ id: p.id, name: p.name }));
  return { ...page, products };
}

export const action = ({ params, request }: ActionFunctionArgs) =>
  moderateAction(request, { type: "thread", id: parseId(params.id, "thread id") });

export default function ModerateThread() {
  const { summary, products, images } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ThreadSubpage thread={{ id: summary.threadId, title: summary.title }} title="Staff tools for this thread">
      <ModerationForms state={summary} products={products} images={images} result={result} />
    </ThreadSubpage>
  );
}
