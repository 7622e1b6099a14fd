import type { ThreadKind } from "~db/schema";
import { plainText } from "~/utils/plain-text";

/**
 * schema.org data for a thread page: QAPage with the accepted answer for a
 * question, DiscussionForumPosting for discussions and ideas. Only visible
 * content goes in.
 */

type Person = { authorUsername: string; authorDisplayName: string | null };
type Reply = Person & { id: number; bodyHtml: string; createdAt: number };

export type StructuredThread = Person & {
  kind: ThreadKind;
  title: string;
  bodyHtml: string;
  createdAt: number;
  editedAt: number | null;
  voteCount: number;
  /** Every visible reply, when the page lists only some of them (threads page their replies). */
  replyCount?: number;
  url: string;
  answer: Reply | null;
  replies: Reply[];
};

const MAX_REPLIES = 10;

const person = (p: Person) => ({ "@type": "Person", name: p.authorDisplayName || p.authorUsername });
const iso = (ms: number) => new Date(ms).toISOString();

export function threadStructuredData(thread: StructuredThread) {
  const others = thread.replies.filter((r) => r.id !== thread.answer?.id);
  if (thread.kind === "question") {
    const answer = (reply: Reply) => ({
      "@type": "Answer",
      text: plainText(reply.bodyHtml),
      dateCreated: iso(reply.createdAt),
      url: `${thread.url}#post-${reply.id}`,
      author: person(reply),
    });
    return {
      "@context": "https://schema.org",
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: thread.title,
        text: plainText(thread.bodyHtml),
        dateCreated: iso(thread.createdAt),
        author: person(thread),
        answerCount: thread.replyCount ?? thread.replies.length,
        ...(thread.answer ? { acceptedAnswer: answer(thread.answer) } : {}),
        ...(others.length ? { suggestedAnswer: others.slice(0, MAX_REPLIES).map(answer) } : {}),
      },
    };
  }
  return {
    "@context": "https://schema.org",
    "@type": "DiscussionForumPosting",
    headline: thread.title,
    text: plainText(thread.bodyHtml),
    url: thread.url,
    datePublished: iso(thread.createdAt),
    ...(thread.editedAt ? { dateModified: iso(thread.editedAt) } : {}),
    author: person(thread),
    interactionStatistic: [
      {
        "@type": "InteractionCounter",
        interactionType: "https://schema.org/CommentAction",
        userInteractionCount: thread.replyCount ?? thread.replies.length,
      },
      ...(thread.kind === "idea"
        ? [{ "@type": "InteractionCounter", interactionType: "https://schema.org/LikeAction", userInteractionCount: thread.voteCount }]
        : []),
    ],
    ...(others.length
      ? {
          comment: others.slice(0, MAX_REPLIES).map((r) => ({
            "@type": "Comment",
            text: plainText(r.bodyHtml),
            datePublished: iso(r.createdAt),
            url: `${thread.url}#post-${r.id}`,
            author: person(r),
          })),
        }
      : {}),
  };
}
