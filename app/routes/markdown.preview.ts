import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { handleIntents } from "~/http/form-action.server";
import { previewMarkdown } from "~/models/preview.server";

/**
 * The editor's Preview tab with JavaScript: the text as it will be posted,
 * rendered by the same path as the write (app/models/preview.server.ts), or
 * why it can't be (400). Without JavaScript the form itself is posted (the
 * page's `preview` intent, app/http/form-action.server.ts).
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  return handleIntents(
    request,
    {
      preview: async (formData) => {
        const source = formData.get("text");
        const preview = await previewMarkdown("text", typeof source === "string" ? source : "");
        return Response.json(preview, { status: preview.error ? 400 : 200, headers: { "Cache-Control": "no-store" } });
      },
    },
    { withoutIntent: "preview" },
  );
}
