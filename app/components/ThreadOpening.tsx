import type { getThreadPage } from "~/models/thread.server";
import { IdeaPanel, ideaStaffLinks } from "./IdeaPanel";
import { LikeButton } from "./LikeButton";
import { PostCard } from "./PostCard";
import type { QuoteOf } from "./ThreadReplies";

type Page = Awaited<ReturnType<typeof getThreadPage>>;

type Props = Pick<Page, "thread" | "hidden" | "permissions"> & {
  signedIn: boolean;
  loginHref: string;
  merged: boolean;
  quote: QuoteOf | null;
};

function threadLinks(threadId: number, permissions: Page["permissions"]) {
  const links: { href: string; label: string }[] = [];
  if (permissions.flag) links.push({ href: `/threads/${threadId}/flag`, label: "Flag" });
  if (permissions.moderate) links.push({ href: `/threads/${threadId}/moderate`, label: "Staff tools" });
  return links;
}

/** The opening post, and beside an idea's its vote panel (not once it was merged). */
export function ThreadOpening({ thread, hidden, permissions, signedIn, loginHref, merged, quote }: Props) {
  // A merged idea takes no votes: the notice above says where they went.
  const withPanel = thread.kind === "idea" && !merged;
  return (
    <div className={withPanel ? "thread-with-panel" : undefined}>
      <PostCard
        label={thread.kind === "question" ? "Question" : "Opening post"}
        authorUsername={thread.authorUsername}
        authorDisplayName={thread.authorDisplayName}
        authorRole={thread.authorRole}
        authorAccount={thread.authorAccount}
        createdAt={thread.createdAt}
        editedAt={thread.editedAt}
        historyHref={hidden?.placeholder ? undefined : `/threads/${thread.id}/history`}
        bodyHtml={thread.bodyHtml}
        editHref={permissions.edit && !hidden?.placeholder ? `/threads/${thread.id}/edit` : undefined}
        hidden={hidden}
        deleteReason={thread.deletedAt !== null ? thread.deleteReason : null}
        links={threadLinks(thread.id, permissions)}
        quote={quote?.("thread", thread.authorUsername)}
      >
        {hidden?.placeholder ? null : <LikeButton postId={null} likes={thread.likes} canLike={permissions.like} />}
      </PostCard>
      {withPanel ? (
        <IdeaPanel
          voteCount={thread.voteCount}
          hasVoted={thread.viewerVote !== null}
          canVote={permissions.vote}
          signedIn={signedIn}
          loginHref={loginHref}
          staffLinks={ideaStaffLinks(thread, permissions)}
        />
      ) : null}
    </div>
  );
}
