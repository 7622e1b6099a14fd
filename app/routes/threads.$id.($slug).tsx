import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/session.server";
import { getIdeaDetails } from "~/models/idea.server";
import { getSubscriptionLevel, setWatching } from "~/models/subscription.server";
import { createReply } from "~/models/post.server";
import { formError, keepFormOnRefusal } from "~/utils/form-response.server";
import { getThreadPage, markAnswer, unmarkAnswer } from "~/models/thread.server";
import { unvote, vote } from "~/models/vote.server";
import { CoDesigners } from "~/components/CoDesigners";
import { IdeaSections, MergedNotice } from "~/components/IdeaSections";
import { ReplyForm, replyClosedMessage } from "~/components/ReplyForm";
import { ThreadReplies } from "~/components/ThreadReplies";
import { ThreadHeader } from "~/components/ThreadHeader";
import { ThreadOpening } from "~/components/ThreadOpening";
import { ThreadStructuredData } from "~/components/ThreadStructuredData";
import { excerpt } from "~/utils/plain-text";
import { tagsOfThreads } from "~/models/tag.server";
import { invariantResponse, parseId } from "~/utils/http";
import { seoMeta } from "~/utils/seo";
import { siteUrl } from "~/utils/site-url.server";
import { slugify, threadPath } from "~/utils/slug";
import { consume, passRetryAfter, retryAfter } from "~/utils/rate-limit.server";
import { authHref } from "~/utils/return-path";
import { parseForm, replySchema } from "~/utils/validation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...seoMeta({
          title: `${data.thread.title} — ${data.thread.productName} — Cocreate`,
          description: data.seo.description,
          canonical: data.seo.canonical,
          type: "article",
        }),
        ...(data.hidden ? [{ name: "robots", content: "noindex" }] : []),
      ]
    : [{ title: "Thread not found — Cocreate" }];

export const headers = passRetryAfter;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = parseId(params.id, "thread id");
  const viewer = await getUser(request);
  const page = await getThreadPage(id, viewer);
  if (params.slug && params.slug !== slugify(page.thread.title)) {
    throw redirect(threadPath(page.thread), 301);
  }
  // A hidden idea's placeholder carries nothing of it: no timeline, measures or merge target either.
  const idea = page.thread.kind === "idea" && !page.hidden?.placeholder ? await getIdeaDetails(viewer, id) : null;
  const subscription = idea ? idea.subscription : viewer ? await getSubscriptionLevel(viewer.id, id) : null;
  const loginHref = authHref("login", threadPath(page.thread));
  const signupHref = authHref("signup", threadPath(page.thread));
  const flagged = new URL(request.url).searchParams.has("flagged");
  const tags = (await tagsOfThreads([id])).get(id) ?? [];
  return { ...page, idea, subscription, signedIn: viewer !== null, loginHref, signupHref, flagged, tags, ...threadSeo(page) };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  const form = await request.formData();
  const here = new URL(request.url).pathname;
  switch (form.get("intent")) {
    case "reply": {
      const parsed = parseForm(replySchema, form);
      if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      const wait = await consume("replies", user.id);
      if (wait) {
        const message = `You have posted several replies in a short time. Please try again ${wait.when}; your reply is kept.`;
        return formError("body", message, form, { status: 429, headers: retryAfter(wait) });
      }
      const reply = await keepFormOnRefusal("body", form, () => createReply(user, threadId, parsed.data.body));
      if (!reply.ok) return reply.refused;
      return redirect(`${here}#post-${reply.written}`);
    }
    case "vote":
      await vote(user, threadId);
      break;
    case "unvote":
      await unvote(user, threadId);
      break;
    case "mark-answer":
      await markAnswer(user, threadId, parseId(form.get("postId"), "reply id"));
      return redirect(`${here}#answer`);
    case "unmark-answer":
      await unmarkAnswer(user, threadId);
      break;
    case "watch":
    case "unwatch":
      await setWatching(user, threadId, form.get("intent") === "watch");
      break;
    default:
      invariantResponse(false, "That action is not something this page can do.", { status: 400 });
  }
  return redirect(here);
}

/** Description and canonical URL, from visible content only; the structured data is built on the page (ThreadStructuredData). */
function threadSeo(page: Awaited<ReturnType<typeof getThreadPage>>) {
  const canonical = siteUrl(threadPath(page.thread));
  const visible = !page.hidden && page.thread.deletedAt === null;
  return { seo: { description: visible ? excerpt(page.thread.bodyHtml) : "", canonical } };
}

export default function ThreadPage() {
  const { thread, hidden, replies, coDesigners, permissions, idea, subscription, signedIn, loginHref, signupHref, flagged, tags, seo } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = replies.find((r) => r.id === thread.acceptedAnswerPostId);
  const otherReplies = replies.filter((r) => r.id !== thread.acceptedAnswerPostId);
  const isQuestion = thread.kind === "question";

  return (
    <div className="thread-page">
      <ThreadStructuredData thread={thread} hidden={hidden} replies={replies} url={seo.canonical} />
      <ThreadHeader
        thread={thread}
        solved={answer !== undefined}
        tags={tags}
        watch={permissions.watch ? { level: subscription } : null}
      />
      {idea?.mergedInto ? <MergedNotice into={idea.mergedInto} /> : null}
      {flagged ? (
        <p className="notice" role="status">
          Thanks for flagging. Staff will review it.
        </p>
      ) : null}

      <ThreadOpening thread={thread} hidden={hidden} permissions={permissions} signedIn={signedIn} loginHref={loginHref} />

      {coDesigners.length > 0 ? (
        <CoDesigners
          people={coDesigners}
          manageHref={permissions.creditCoDesigners ? `/threads/${thread.id}/credits` : undefined}
        />
      ) : null}
      {idea ? (
        <IdeaSections
          threadId={thread.id}
          status={thread.status ?? "open"}
          details={idea}
          canChangeStatus={permissions.changeStatus}
          canWriteMeasure={permissions.writeSuccessMeasure}
          loginHref={signedIn ? null : loginHref}
        />
      ) : null}

      <ThreadReplies
        answer={answer ?? null}
        replies={otherReplies}
        replyCount={thread.replyCount}
        canMarkAnswer={isQuestion && permissions.markAnswer}
        canModerate={permissions.moderate}
      />

      <ReplyForm
        key={thread.replyCount}
        canReply={permissions.reply}
        signedIn={signedIn}
        closedMessage={replyClosedMessage(thread, idea?.mergedInto != null)}
        loginHref={loginHref}
        signupHref={signupHref}
        error={actionData?.errors.body}
        defaultValue={actionData?.values.body}
      />
    </div>
  );
}
