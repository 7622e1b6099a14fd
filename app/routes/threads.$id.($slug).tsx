import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/session.server";
import { getIdeaDetails } from "~/models/idea.server";
import { getSubscriptionLevel, setWatching } from "~/models/subscription.server";
import { createReply } from "~/models/post.server";
import { form, handleIntents, limitRate, preview } from "~/http/form-action.server";
import { getThreadPage, markAnswer, unmarkAnswer } from "~/models/thread.server";
import { locateReply, parseReplyPage } from "~/models/reply-pages.server";
import { markSeenOnThreadPage } from "~/models/notification-inbox.server";
import { useReplyAnchorFallback } from "~/components/ReplyAnchorFallback";
import { unvote, vote } from "~/models/vote.server";
import { like, unlike } from "~/models/reaction.server";
import type { ContentRef } from "~/models/content.server";
import { CoDesigners } from "~/components/CoDesigners";
import { DemandPanel, OnBehalfRecords } from "~/components/OnBehalf";
import { ideaDemand } from "~/models/demand.server";
import { listOnBehalf } from "~/models/on-behalf.server";
import { can } from "~/auth/permissions.server";
import { config } from "~/config.server";
import { CodesignPanel } from "~/components/CodesignPanel";
import { getGroupPanel } from "~/models/codesign.server";
import { PollPanel } from "~/components/PollPanel";
import { castPollVote, getPoll } from "~/models/poll.server";
import { unpinAnnouncement } from "~/models/announcement.server";
import { SubmitButton } from "~/components/SubmitButton";
import { feedbackFor } from "~/utils/form-feedback";
import { IdeaSections, MergedNotice } from "~/components/IdeaSections";
import { ReplyForm, replyClosedMessage } from "~/components/ReplyForm";
import { quoteLinks } from "~/components/QuoteLink";
import { draftKeys, keepRefusedText, replyFormStart } from "~/models/draft.server";
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
import { pageShowsThread } from "~/models/page-tags.server";

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
  pageShowsThread(id);
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
    const listed = page.replies.map((r) => r.id);
    const shown = [...(page.answer ? [page.answer.id] : []), ...listed];
    // The member has read up to the last reply listed; on the last page, past the answer shown above too.
    const readUpTo = Math.max(0, ...(pageNumber === pageCount ? shown : listed.slice(-1)));
    await markSeenOnThreadPage(viewer, id, shown, pageNumber === 1, readUpTo);
  }
  // A hidden idea's placeholder carries nothing of it: no timeline, measures or merge target either.
  const idea = page.thread.kind === "idea" && !page.hidden?.placeholder ? await getIdeaDetails(viewer, id) : null;
  const subscription = idea ? idea.subscription : viewer ? await getSubscriptionLevel(viewer.id, id) : null;
  const loginHref = authHref("login", threadPagePath(page.thread, pageNumber));
  const signupHref = authHref("signup", threadPagePath(page.thread, pageNumber));
  const flagged = url.searchParams.has("flagged");
  const tags = (await tagsOfThreads([id])).get(id) ?? [];
  const replyStart = page.permissions.reply ? await replyFormStart(viewer, id, url.searchParams.get("quote")) : null;
  // Staff-only figures reach the page only for staff: members get their own account's records, visitors nothing.
  const onBehalf = idea ? await listOnBehalf(viewer, id) : [];
  const demand = idea && can.readDemand(viewer) ? { ...(await ideaDemand(viewer, id)), currency: config().CURRENCY } : null;
  const codesign = idea ? await getGroupPanel(viewer, id) : null;
  const poll = page.hidden?.placeholder ? null : await getPoll(viewer, id);
  return {
    ...page,
    idea,
    onBehalf,
    demand,
    codesign,
    poll,
    viewerId: viewer?.id ?? null,
    subscription,
    signedIn: viewer !== null,
    loginHref,
    signupHref,
    flagged,
    tags,
    replyStart,
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
  const andBack = async (write: Promise<unknown>, anchor = "") => {
    await write;
    return redirect(here + anchor);
  };
  // A like names its reply, or none for the opening post; without JavaScript the page comes back to it.
  const liked = (formData: FormData): ContentRef =>
    formData.get("postId") ? { type: "post", id: parseId(formData.get("postId"), "reply id") } : { type: "thread", id: threadId };
  const anchorOf = (ref: ContentRef) => (ref.type === "post" ? `#post-${ref.id}` : "");
  return handleIntents(request, {
    reply: form(
      replySchema,
      async ({ body }) => {
        await limitRate(
          "replies",
          user.id,
          "body",
          (wait) => `You have posted several replies in a short time. Please try again ${wait.when}; your reply is kept.`,
        );
        return redirect(await locateReply(user, await createReply(user, threadId, body)));
      },
      { onRefused: (formData) => keepRefusedText(user, draftKeys.reply(threadId), formData) },
    ),
    vote: () => andBack(vote(user, threadId)),
    unvote: () => andBack(unvote(user, threadId)),
    like: (formData) => andBack(like(user, liked(formData)), anchorOf(liked(formData))),
    unlike: (formData) => andBack(unlike(user, liked(formData)), anchorOf(liked(formData))),
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
    preview,
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
    replyStart,
    seo,
    onBehalf,
    demand,
    viewerId,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isQuestion = thread.kind === "question";
  const firstPage = pagination.page === 1;
  useReplyAnchorFallback(pagination.page);
  const quoteOf = permissions.reply ? quoteLinks(thread, pagination.page) : null;

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
        quote={quoteOf}
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
      {idea && firstPage ? <OnBehalfRecords records={onBehalf} viewerId={viewerId} /> : null}
      {idea && firstPage && demand ? <DemandPanel demand={demand} currency={demand.currency} /> : null}
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
        quote={quoteOf}
      />

      <ReplyForm
        key={`${thread.replyCount}:${replyStart?.text ?? ""}`}
        canReply={permissions.reply}
        signedIn={signedIn}
        closedMessage={replyClosedMessage(thread, idea?.mergedInto != null)}
        loginHref={loginHref}
        signupHref={signupHref}
        feedback={actionData}
        initial={replyStart}
      />
    </div>
  );
}
