import { data, redirect } from "@remix-run/node";
import { requireStaff, requireUser } from "~/auth/session.server";
import { getContentSummary } from "~/models/content-summary.server";
import { flagContent } from "~/models/flag.server";
import { deleteContent, hideContent, moveThread, restoreContent, setThreadState, unhideContent, type ContentRef } from "~/models/moderation.server";
import { setRevisionHidden } from "~/models/revision.server";
import { invariantResponse, parseId } from "~/utils/http";
import { replyPath, threadPath } from "~/utils/slug";
import { deleteSchema, flagSchema, moderationReasonSchema, parseForm } from "~/utils/validation";

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
  const parsed = parseForm(flagSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await flagContent(user, ref, parsed.data);
  return redirect(`${threadPath({ id: summary.threadId, title: summary.title })}?flagged=1`);
}

export async function moderateLoader(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  return { ref, summary: await getContentSummary(ref, user) };
}

const threadIntents = ["pin", "unpin", "lock", "unlock", "close", "reopen"] as const;

export async function moderateAction(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "delete") {
    const parsed = parseForm(deleteSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, intent }, { status: 400 });
    await deleteContent(user, ref, parsed.data.reason);
  } else {
    const parsed = parseForm(moderationReasonSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, intent }, { status: 400 });
    const reason = parsed.data.reason;
    if (intent === "hide") await hideContent(user, ref, reason || "hidden by staff");
    else if (intent === "unhide") await unhideContent(user, ref);
    else if (intent === "restore") await restoreContent(user, ref);
    else if (intent === "move" && ref.type === "thread") {
      await moveThread(user, ref.id, parseId(form.get("productId"), "product"), reason);
    } else {
      const change = threadIntents.find((i) => i === intent);
      invariantResponse(change && ref.type === "thread", "That action is not something this page can do.", { status: 400 });
      await setThreadState(user, ref.id, change, reason);
    }
  }
  return redirect(where(await getContentSummary(ref, user), ref));
}

/** Staff hide an earlier version on a history page, or show it again. */
export async function historyAction(request: Request, ref: ContentRef) {
  const user = await requireStaff(request);
  const form = await request.formData();
  const intent = form.get("intent");
  invariantResponse(intent === "hide-version" || intent === "show-version", "That action is not something this page can do.", { status: 400 });
  await setRevisionHidden(user, ref, parseId(form.get("revisionId"), "version"), intent === "hide-version");
  return redirect(`/${ref.type === "thread" ? "threads" : "posts"}/${ref.id}/history`);
}
