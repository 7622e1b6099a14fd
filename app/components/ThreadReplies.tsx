import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "~db/schema";
import { LikeButton } from "./LikeButton";
import { PostCard } from "./PostCard";
import type { QuoteTarget } from "./QuoteLink";
import { ReplyPager } from "./ReplyPager";
import { SubmitButton } from "./SubmitButton";

type Reply = {
  id: number;
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
  authorUsername: string;
  authorDisplayName: string | null;
  authorRole: Role;
  authorAccount?: string | null;
  canEdit: boolean;
  canFlag: boolean;
  canLike: boolean;
  likes: { count: number; mine: boolean };
  hidden: { reason: string; placeholder: boolean } | null;
  deleteReason: string | null;
};

type Props = {
  answer: Reply | null;
  replies: Reply[];
  replyCount: number;
  /** Shown when the replies fill more than one page. */
  pages: { thread: { id: number; title: string }; page: number; pageCount: number };
  canMarkAnswer: boolean;
  canModerate: boolean;
  /** How "Quote" reaches the reply form, when the viewer may reply. */
  quote: QuoteOf | null;
};

/** The "Quote" of a post (its id, or "thread" for the opening post), by its author's username. */
export type QuoteOf = (post: number | "thread", username: string) => QuoteTarget;

function replyLinks(reply: Reply, canModerate: boolean) {
  const links: { href: string; label: string }[] = [];
  if (reply.canFlag) links.push({ href: `/posts/${reply.id}/flag`, label: "Flag" });
  if (canModerate) links.push({ href: `/posts/${reply.id}/moderate`, label: "Staff tools" });
  return links;
}

function ReplyCard({
  reply,
  label,
  highlight,
  canModerate,
  quote,
  children,
}: {
  reply: Reply;
  label: string;
  highlight?: boolean;
  canModerate: boolean;
  quote: QuoteOf | null;
  children?: ReactNode;
}) {
  return (
    <PostCard
      id={`post-${reply.id}`}
      label={label}
      highlight={highlight}
      authorUsername={reply.authorUsername}
      authorDisplayName={reply.authorDisplayName}
      authorRole={reply.authorRole}
      authorAccount={reply.authorAccount}
      createdAt={reply.createdAt}
      editedAt={reply.editedAt}
      bodyHtml={reply.bodyHtml}
      editHref={reply.canEdit ? `/posts/${reply.id}/edit` : undefined}
      historyHref={reply.hidden?.placeholder ? undefined : `/posts/${reply.id}/history`}
      hidden={reply.hidden}
      deleteReason={reply.deleteReason}
      links={replyLinks(reply, canModerate)}
      quote={quote?.(reply.id, reply.authorUsername)}
      permalink={reply.hidden?.placeholder || reply.deleteReason != null ? undefined : `/posts/${reply.id}`}
    >
      {reply.hidden?.placeholder ? null : <LikeButton postId={reply.id} likes={reply.likes} canLike={reply.canLike} />}
      {children}
    </PostCard>
  );
}

/**
 * The heading over the replies counts what is listed under it: once an answer
 * is shown above, it is one of the thread's replies but not one of these.
 * (replyCount leaves deleted replies out, so a deleted answer is not taken off.)
 */
export function repliesHeading(replyCount: number, answer: Pick<Reply, "deleteReason"> | null): string {
  if (!answer) return `${replyCount} ${replyCount === 1 ? "reply" : "replies"}`;
  const others = Math.max(0, replyCount - (answer.deleteReason ? 0 : 1));
  return others === 0 ? "No other replies" : `${others} other ${others === 1 ? "reply" : "replies"}`;
}

/** The accepted answer right under the question, then this page's other replies in order and the links to the other pages. */
export function ThreadReplies({ answer, replies, replyCount, pages, canMarkAnswer, canModerate, quote }: Props) {
  return (
    <>
      {answer ? (
        <section id="answer" className="answer" aria-labelledby="answer-title">
          <h2 id="answer-title">✓ Accepted answer</h2>
          <ReplyCard reply={answer} label="Accepted answer" highlight canModerate={canModerate} quote={quote}>
            {canMarkAnswer ? (
              <Form method="post" preventScrollReset>
                <SubmitButton intent="unmark-answer" pendingText="Unmarking…" className="button button-small">
                  Unmark answer
                </SubmitButton>
              </Form>
            ) : null}
          </ReplyCard>
        </section>
      ) : null}

      <section aria-labelledby="replies-title" className="replies">
        <h2 id="replies-title">
          {repliesHeading(replyCount, answer)}
          {pages.pageCount > 1 ? (
            <span className="muted heading-note">
              {" "}
              · page {pages.page} of {pages.pageCount}
            </span>
          ) : null}
        </h2>
        {replies.map((reply) => (
          <ReplyCard
            key={reply.id}
            reply={reply}
            label={`Reply by ${reply.authorDisplayName || reply.authorUsername}`}
            canModerate={canModerate}
            quote={quote}
          >
            {canMarkAnswer && !reply.hidden && !reply.deleteReason ? (
              <Form method="post" preventScrollReset>
                <input type="hidden" name="postId" value={reply.id} />
                <SubmitButton intent="mark-answer" value={String(reply.id)} pendingText="Marking…" className="button button-small">
                  ✓ Mark as answer
                </SubmitButton>
              </Form>
            ) : null}
          </ReplyCard>
        ))}
        {answer && replies.length === 0 ? <p className="muted">The accepted answer is shown above.</p> : null}
        <ReplyPager {...pages} />
      </section>
    </>
  );
}
