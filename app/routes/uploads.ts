import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, type SessionUser } from "~/auth/session.server";
import { handleIntents } from "~/http/form-action.server";
import { refusalHeaders, refusalStatus } from "~/http/refusals.server";
import { DomainError, Invalid, RateLimited } from "~/models/errors.server";
import { attachFromForm, IMAGE_FIELD, ImageNotAccepted, uploadImage } from "~/models/upload.server";
import { safeRedirect } from "~/utils/return-path";

/**
 * Attaching an image (app/components/ImageAttach.tsx). With JavaScript the
 * editor sends only the file and gets JSON: the Markdown to insert, or the
 * refusal. Without it the whole form comes here (multipart, its own body
 * limit in app/server.ts): the image's Markdown is added to the text, kept as
 * the member's draft, and the page comes back with it; a refusal comes back
 * as ?image-error=<problem> with the text kept the same way.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const scripted = request.headers.get("X-Requested-With") === "editor";
  return handleIntents(request, { "upload-image": (formData) => upload(user, formData, scripted) }, { withoutIntent: "upload-image" });
}

async function upload(user: SessionUser, formData: FormData, scripted: boolean) {
  const file = formData.get(IMAGE_FIELD);
  const back = safeRedirect(formData.get("back"));
  if (typeof file !== "object" || file === null || file.size === 0) {
    // No file at all: nothing to come back to the form with; its text is kept all the same.
    if (!scripted) await attachFromForm(user, formData, null, back);
    throw new Invalid(null, "Choose an image file to attach, then press Upload image. Your text is kept: go back to it.");
  }
  try {
    const uploaded = await uploadImage(user, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
    if (scripted) return Response.json(uploaded, { headers: { "Cache-Control": "no-store" } });
    return redirect(await attachFromForm(user, formData, uploaded, back));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (scripted) return Response.json({ error: error.message }, { status: refusalStatus(error), headers: refusalHeaders(error) });
    const problem = error instanceof ImageNotAccepted ? error.problem : error instanceof RateLimited ? "limit" : null;
    if (!problem) throw error;
    return redirect(await attachFromForm(user, formData, null, back, problem));
  }
}
