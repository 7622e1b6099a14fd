import type { StructuredThread } from "~/utils/structured-data";
import { threadStructuredData } from "~/utils/structured-data";
import { JsonLd } from "./JsonLd";

type Reply = StructuredThread["replies"][number] & { hidden: unknown; deletedAt: number | null };

type Props = {
  thread: Omit<StructuredThread, "url" | "answer" | "replies"> & { acceptedAnswerPostId: number | null; deletedAt: number | null };
  hidden: unknown;
  replies: Reply[];
  url: string;
};

/**
 * The thread's schema.org data, built from what the page already shows
 * rather than sent a second time in the page's data: visible content only,
 * nothing for a hidden or deleted thread.
 */
export function ThreadStructuredData({ thread, hidden, replies, url }: Props) {
  if (hidden || thread.deletedAt !== null) return null;
  const visible = replies.filter((r) => r.hidden === null && r.deletedAt === null);
  const answer = visible.find((r) => r.id === thread.acceptedAnswerPostId) ?? null;
  return <JsonLd data={threadStructuredData({ ...thread, url, answer, replies: visible })} />;
}
