import { redirect } from "@remix-run/node";
import { requireStaff, requireUser } from "~/auth/session.server";
import { getContentSummary } from "~/models/content-summary.server";
import { flagContent } from "~/models/flag.server";
import {
  deleteContent,
  hideContent,
  moveThread,
  restoreContent,
  setThreadState,
  unhideContent,
  type ContentRef,
} from "~/models/moderation.server";
import { setRevisionHidden } from "~/models/revision.server";
import { imagesOf, removeImage } from "~/models/upload.server";
import { form, handleForm, handleIntents } from "~/http/form-action.server";
import { parseId } from "~/utils/http";
import { replyPath, threadPath } from "~/utils/slug";
import { deleteSchema, flagSchema, moderationReasonSchema } from "~/utils/validation.server";

/**
 * The loaders and actions shared by the thread and reply versions of the
 * flag, staff-tools and history pages (/threads/:id/flag, /posts/:id/flag …).
 */

const where = (summary: { threadId: number; title: string }, ref: ContentRef) =>
  ref.type === "post" ? replyPath(ref.id) : threadPath({ id: summary.threadId, title: summary.title });

export async function flagLoader(request: Request, ref: ContentRef) {
  const user = await requireUser(request);
  return { ref, summary: await getContentSummary(ref, user) };
}

export async function flagAction(request: Request, ref: ContentRef) {
  const user = await requireUser(request);
  // Looked up first: the flag may hide the post, and then only staff could look it up.
  const summary = await getContentSummary(ref, user);
  return handleForm(request, flagSchema, async (flag) => {
    await flagContent(user, ref, flag);
    return redirect(`${threadPath({ id: summary.threadId, title: summary.title })}?flagged=1`);
  });
}

export async function moderateLoader(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  const [summary, images] = await Promise.all([getContentSummary(ref, user), imagesOf(ref)]);
  return { ref, summary, images };
}

const threadStates = ["pin", "unpin", "lock", "unlock", "close", "reopen"] as const;

export async function moderateAction(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  const done = async (write: Promise<unknown>) => {
    await write;
    return redirect(where(await getContentSummary(ref, user), ref));
  };
  /** Every tool but delete takes an optional reason. */
  const tool = (act: (reason: string, formData: FormData) => Promise<unknown>) =>
    form(moderationReasonSchema, ({ reason }, formData) => done(act(reason, formData)));
  const threadId = ref.type === "thread" ? ref.id : null;
  const threadTools =
    threadId === null
      ? {}
      : {
          ...Object.fromEntries(threadStates.map((change) => [change, tool((reason) => setThreadState(user, threadId, change, reason))])),
          move: tool((reason, formData) => moveThread(user, threadId, parseId(formData.get("productId"), "product"), reason)),
        };
  return handleIntents(request, {
    delete: form(deleteSchema, ({ reason }) => done(deleteContent(user, ref, reason))),
    hide: tool((reason) => hideContent(user, ref, reason || "hidden by staff")),
    unhide: tool(() => unhideContent(user, ref)),
    restore: tool(() => restoreContent(user, ref)),
    "remove-image": tool((reason, formData) => removeImage(user, String(formData.get("image") ?? ""), reason || "removed by staff")),
    ...threadTools,
  });
}

/** Staff hide an earlier version on a history page, or show it again. */
export async function historyAction(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  const setHidden = (hidden: boolean) => async (formData: FormData) => {
    await setRevisionHidden(user, ref, parseId(formData.get("revisionId"), "version"), hidden);
    return redirect(`/${ref.type === "thread" ? "threads" : "posts"}/${ref.id}/history`);
  };
  return handleIntents(request, { "hide-version": setHidden(true), "show-version": setHidden(false) });
}
