import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { discardDraft, saveDraft } from "~/models/draft.server";
import { form, handleIntents } from "~/http/form-action.server";
import { safeRedirect } from "~/utils/return-path";
import { draftSchema } from "~/utils/validation.server";

/**
 * A member's own drafts: the editor saves the text while it is typed (a
 * script, answered with JSON) and "Discard draft" removes it (a form button
 * too: without JavaScript it comes back to the page it was pressed on).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const scripted = request.headers.get("X-Requested-With") === "editor";
  return handleIntents(request, {
    "save-draft": form(draftSchema, async ({ draft, title, body }) => {
      await saveDraft(user, draft, { title, body });
      return Response.json({ saved: true }, { headers: { "Cache-Control": "no-store" } });
    }),
    "discard-draft": form(draftSchema, async ({ draft, back }) => {
      await discardDraft(user, draft);
      return scripted ? Response.json({ discarded: true }) : redirect(safeRedirect(back));
    }),
  });
}
