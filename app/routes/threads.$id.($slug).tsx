import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/session.server";
import { getIdeaDetails } from "~/models/idea.server";
import { getSubscriptionLevel, setWatching } from "~/models/subscription.server";
import { createReply } from "~/models/post.server";
import { form, handleIntents, limitRate } from "~/http/form-action.server";
import { getThreadPage, markAnswer, unmarkAnswer } from "~/models/thread.server";
import { locateReply, parseReplyPage } from "~/models/reply-pages.server";
import { markSeenOnThreadPage } from "~/models/notification-inbox.server";
import { useReplyAnchorFallback } from "~/components/ReplyAnchorFallback";
import { unvote, vote } from "~/models/vote.server";
import { CoDesigners } from "~/components/CoDesigners";
import { CodesignPanel } from "~/components/CodesignPanel";
import { getGroupPanel } from "~/models/codesign.server";
import { PollPanel } from "~/components/PollPanel";
import { castPollVote, getPoll } from "~/models/poll.server";
import { unpinAnnouncement } from "~/models/announcement.server";
import { SubmitButton } from "~/components/SubmitButton";
import { feedbackFor } from "~/utils/form-feedback";
import { IdeaSections, MergedNotice } from "~/components/IdeaSections";
import { ReplyForm, replyClosedMessage } from "~/components/ReplyForm";
import { ThreadReplies } from "~/components/ThreadReplies";
import { ThreadHeader } from "~/components/ThreadHeader";
import { ThreadOpening } from "~/components/ThreadOpening";
import { ThreadStructuredData } from "~/components/ThreadStructuredData";
import { tagsOfThreads } from "~/models/tag.server";
import { parseId } from "~/utils/http";
import { pagerMeta, seoMeta } from "~/utils/seo";
import { threadSeo } from "~/routes/thread-seo.server";
import { slugify, threadPagePath } from "~/utils/slug";
import { passRetryAfter } from "~/http/rate-limit.server";
import { authHref } from "~/utils/return-path";
import { pollVoteSchema, replySchema } from "~/utils/validation.server";
import { pageTitle, siteNameIn } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...seoMeta({
          title: pageTitle(
            matches,
            `${data.thread.title}${data.pagination.page > 1 ? ` (page ${data.pagination.page})` : ""}`,
            data.thread.productName,
          ),
          siteName: siteNameIn(matches),
          description: data.seo.description,
          canonical: data.seo.canonical,
          type: "article",
        }),
        ...pagerMeta(data.seo.pager),
        ...(data.hidden ? [{ name: "robots", content: "noindex" }] : []),
      ]
    : [{ title: pageTitle(matches, "Thread not found") }];

export const headers = passRetryAfter;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = parseId(params.id, "thread id");
  const url = new URL(request.url);
  const { page: pageNumber, explicitFirst } = parseReplyPage(url);
  const viewer = await getUser(request);
  const page = await getThreadPage(id, viewer, pageNumber);
  const { pageCount } = page.pagination;
  if (explicitFirst || (params.slug && params.slug !== slugify(page.thread.title))) {
    throw redirect(threadPagePath(page.thread, pageNumber), 301);
  }
  // A page that no longer exists (replies were deleted) shows the last one.
  if (pageNumber > pageCount) throw redirect(threadPagePath(page.thread, pageCount));
  if (!page.hidden?.placeholder) {
    const shown = [...(page.answer ? [page.answer.id] : []), ...page.replies.map((r) => r.id)];
    await markSeenOnThreadPage(viewer, id, shown, pageNumber === 1);
  }
  // A hidden idea's placeholder carries nothing of it: no timeline, measures or merge target either.
  const idea = page.thread.kind === "idea" && !page.hidden?.placeholder ? await getIdeaDetails(viewer, id) : null;
  const subscription = idea ? idea.subscription : viewer ? await getSubscriptionLevel(viewer.id, id) : null;
  const loginHref = authHref("login", threadPagePath(page.thread, pageNumber));
  const signupHref = authHref("signup", threadPagePath(page.thread, pageNumber));
  const flagged = url.searchParams.has("flagged");
  const tags = (await tagsOfThreads([id])).get(id) ?? [];
  const codesign = idea ? await getGroupPanel(viewer, id) : null;
  const poll = page.hidden?.placeholder ? null : await getPoll(viewer, id);
  return {
    ...page,
    idea,
    codesign,
    poll,
    subscription,
    signedIn: viewer !== null,
    loginHref,
    signupHref,
    flagged,
    tags,
    ...threadSeo(page),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const threadId = parseId(params.id, "thread id");
  const user = await requireUser(request);
  // Back to the page the form was on (?page=N kept).
  const url = new URL(request.url);
  const page = url.searchParams.get("page");
  const here = url.pathname + (page && /^\d+$/.test(page) ? `?page=${page}` : "");
  const andBack = async (write: Promise<unknown>) => {
    await write;
    return redirect(here);
  };
  return handleIntents(request, {
    reply: form(replySchema, async ({ body }) => {
      await limitRate(
        "replies",
        user.id,
        "body",
        (wait) => `You have posted several replies in a short time. Please try again ${wait.when}; your reply is kept.`,
      );
      return redirect(await locateReply(user, await createReply(user, threadId, body)));
    }),
    vote: () => andBack(vote(user, threadId)),
    unvote: () => andBack(unvote(user, threadId)),
    "mark-answer": async (formData) => {
      await markAnswer(user, threadId, parseId(formData.get("postId"), "reply id"));
      return redirect(`${url.pathname}#answer`);
    },
    "unmark-answer": () => andBack(unmarkAnswer(user, threadId)),
    "poll-vote": form(pollVoteSchema, async ({ option }) => {
      await castPollVote(user, threadId, option);
      return redirect(`${here}#poll`);
    }),
    "unpin-announcement": () => andBack(unpinAnnouncement(user, threadId)),
    watch: () => andBack(setWatching(user, threadId, true)),
    unwatch: () => andBack(setWatching(user, threadId, false)),
  });
}

export default function ThreadPage() {
  const {
    thread,
    hidden,
    answer,
    replies,
    pagination,
    coDesigners,
    permissions,
    idea,
    codesign,
    poll,
    subscription,
    signedIn,
    loginHref,
    signupHref,
    flagged,
    tags,
    seo,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isQuestion = thread.kind === "question";
  const firstPage = pagination.page === 1;
  useReplyAnchorFallback(pagination.page);

  return (
    <div className="thread-page">
      {firstPage ? (
        <ThreadStructuredData thread={thread} hidden={hidden} replies={answer ? [answer, ...replies] : replies} url={seo.canonical} />
      ) : null}
      <ThreadHeader thread={thread} solved={answer !== null} tags={tags} watch={permissions.watch ? { level: subscription } : null} />
      {idea?.mergedInto ? <MergedNotice into={idea.mergedInto} /> : null}
      {thread.announcement ? (
        <Form method="post" className="notice">
          📌 {thread.announcement === "site" ? "Site-wide announcement" : "Announcement"}
          {thread.announcementPinned ? ", pinned at the top of the lists." : "."}{" "}
          {thread.announcementPinned && permissions.moderate ? (
            <SubmitButton intent="unpin-announcement" pendingText="Unpinning…" className="button button-small">
              Unpin
            </SubmitButton>
          ) : null}
        </Form>
      ) : null}
      {thread.private ? <p className="notice">Private: only the co-design group's members and staff can read this discussion.</p> : null}
      {flagged ? (
        <p className="notice" role="status">
          Thanks for flagging. Staff will review it.
        </p>
      ) : null}

      <ThreadOpening
        thread={thread}
        hidden={hidden}
        permissions={permissions}
        signedIn={signedIn}
        loginHref={loginHref}
        merged={idea?.mergedInto != null}
      />

      {poll && firstPage ? (
        <PollPanel
          poll={poll}
          canVote={permissions.votePoll}
          loginHref={signedIn ? null : loginHref}
          feedback={feedbackFor(actionData, "poll-vote")}
        />
      ) : null}
      {!poll && firstPage && permissions.addPoll ? (
        <p>
          <Link to={`/threads/${thread.id}/poll`}>Add a poll to this thread</Link>
        </p>
      ) : null}
      {firstPage && coDesigners.length > 0 ? (
        <CoDesigners people={coDesigners} manageHref={permissions.creditCoDesigners ? `/threads/${thread.id}/credits` : undefined} />
      ) : null}
      {codesign && firstPage ? <CodesignPanel ideaId={thread.id} panel={codesign} /> : null}
      {!codesign && idea && firstPage && permissions.manageCodesignGroup ? (
        <p>
          <Link to={`/threads/${thread.id}/codesign`}>Open a co-design group on this idea</Link>
        </p>
      ) : null}
      {idea && firstPage ? (
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
        answer={answer}
        replies={replies}
        replyCount={thread.replyCount}
        pages={{ thread, ...pagination }}
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
        feedback={actionData}
      />
    </div>
  );
}
