import { Link } from "@remix-run/react";
import type { ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { threadPath } from "~/utils/slug";
import { CoDesignedBadge, KindBadge, ModerationBadge, SolvedBadge, StatusBadge } from "./Badges";
import { RelativeTime } from "./RelativeTime";
import { TagLinks, type TagLabel } from "./TagLinks";
import { ProfileLink } from "./UserName";

export type ThreadRow = {
  id: number;
  title: string;
  kind: ThreadKind;
  status: ShownStatus | null;
  pinned: number;
  voteCount: number;
  replyCount: number;
  lastActivityAt: number;
  acceptedAnswerPostId: number | null;
  coDesignedAt: number | null;
  authorUsername: string;
  authorDisplayName: string | null;
  productSlug: string;
  productName: string;
  /** Out of public view, seen by staff or its author (visibleTo): marked so. */
  moderation?: "hidden" | "deleted" | null;
  tags?: TagLabel[];
  /** Replies since the viewer last read the thread (only for threads they have opened). */
  unread?: { count: number; firstUnreadPostId: number };
};

export function ThreadList({
  threads,
  showProduct = true,
  emptyMessage = "No threads yet. Be the first to start one.",
}: {
  threads: ThreadRow[];
  showProduct?: boolean;
  emptyMessage?: string;
}) {
  if (threads.length === 0) {
    return <p className="empty">{emptyMessage}</p>;
  }
  return (
    <ol className="thread-list">
      {threads.map((t) => (
        <li key={t.id} className={t.unread ? "thread-row thread-row-unread" : "thread-row"}>
          <div className="thread-row-count">
            {t.status === "merged" ? (
              // Its votes went to the idea it was merged into.
              <span className="vote-tally">
                <strong aria-hidden="true">→</strong> merged
              </span>
            ) : t.kind === "idea" ? (
              <span className="vote-tally">
                <strong>{t.voteCount}</strong> {t.voteCount === 1 ? "vote" : "votes"}
              </span>
            ) : (
              <span className="reply-tally">
                <strong>{t.replyCount}</strong> {t.replyCount === 1 ? "reply" : "replies"}
              </span>
            )}
          </div>
          <div className="thread-row-main">
            <h3 className="thread-row-title">
              {t.pinned ? <span className="pin">Pinned · </span> : null}
              <Link to={t.unread ? `/posts/${t.unread.firstUnreadPostId}` : threadPath(t)}>{t.title}</Link>
              {t.unread ? (
                <>
                  {" "}
                  <Link className="new-replies" to={`/posts/${t.unread.firstUnreadPostId}`}>
                    {t.unread.count} new
                    <span className="visually-hidden"> {t.unread.count === 1 ? "reply" : "replies"} since your last visit</span>
                  </Link>
                </>
              ) : null}
            </h3>
            <p className="thread-row-meta">
              <ModerationBadge state={t.moderation ?? null} />
              <KindBadge kind={t.kind} />
              {t.kind === "idea" ? <StatusBadge status={t.status} /> : null}
              {t.acceptedAnswerPostId !== null ? <SolvedBadge /> : null}
              {t.coDesignedAt !== null ? <CoDesignedBadge /> : null}
              {showProduct ? (
                <Link className="product-link" to={`/products/${t.productSlug}`}>
                  {t.productName}
                </Link>
              ) : null}
              <span>
                by <ProfileLink username={t.authorUsername} displayName={t.authorDisplayName} /> · active{" "}
                <RelativeTime ms={t.lastActivityAt} />
              </span>
              {t.kind === "idea" ? (
                <span>
                  · {t.replyCount} {t.replyCount === 1 ? "reply" : "replies"}
                </span>
              ) : null}
            </p>
            {t.tags ? <TagLinks tags={t.tags} /> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
