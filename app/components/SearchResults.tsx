import { Link } from "@remix-run/react";
import type { ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import type { SnippetPart } from "~/utils/snippet";
import { CoDesignedBadge, KindBadge, SolvedBadge, StatusBadge } from "./Badges";
import { TagLinks, type TagLabel } from "./TagLinks";
import { ProfileLink } from "./UserName";

export type SearchResultRow = {
  id: number;
  title: string;
  href: string;
  kind: ThreadKind;
  status: ShownStatus | null;
  acceptedAnswerPostId: number | null;
  coDesignedAt: number | null;
  productName: string;
  authorUsername: string;
  authorDisplayName: string | null;
  replyCount: number;
  inReply: boolean;
  snippet: SnippetPart[];
  tags: TagLabel[];
};

/** Matched words are marked; every part is rendered as text, never as HTML. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="search-snippet">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}

export function SearchResults({ results }: { results: SearchResultRow[] }) {
  return (
    <ol className="thread-list search-results">
      {results.map((r) => (
        <li key={r.id} className="thread-row">
          <div className="thread-row-main">
            <h3 className="thread-row-title">
              <Link to={r.href}>{r.title}</Link>
            </h3>
            <p className="thread-row-meta">
              <KindBadge kind={r.kind} />
              {r.kind === "idea" ? <StatusBadge status={r.status} /> : null}
              {r.acceptedAnswerPostId !== null ? <SolvedBadge /> : null}
              {r.coDesignedAt !== null ? <CoDesignedBadge /> : null}
              <span>{r.productName}</span>
              <span>
                by <ProfileLink username={r.authorUsername} displayName={r.authorDisplayName} />
              </span>
              <span>
                · {r.replyCount} {r.replyCount === 1 ? "reply" : "replies"}
              </span>
              {r.inReply ? <span>· matched in a reply</span> : null}
            </p>
            <Snippet parts={r.snippet} />
            <TagLinks tags={r.tags} />
          </div>
        </li>
      ))}
    </ol>
  );
}
