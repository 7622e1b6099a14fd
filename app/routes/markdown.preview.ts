import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { previewMarkdown } from "~/models/preview.server";

/**
 * The editor's Preview tab with JavaScript: the text as it will be posted,
 * rendered by the same path as the write (app/models/preview.server.ts).
 * Without JavaScript the form itself is posted (app/http/form-action.server.ts).
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const source = (await request.formData()).get("text");
  return Response.json(await previewMarkdown("text", typeof source === "string" ? source : ""), {
    headers: { "Cache-Control": "no-store" },
  });
}
