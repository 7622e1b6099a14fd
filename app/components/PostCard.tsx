import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "~db/schema";
import { MarkdownBody } from "./MarkdownBody";
import { QuoteLink, type QuoteTarget } from "./QuoteLink";
import { Permalink } from "./Permalink";
import { RelativeTime } from "./RelativeTime";
import { UserName } from "./UserName";

type Props = {
  id?: string;
  authorUsername: string;
  authorDisplayName: string | null;
  authorRole: Role;
  /** The author's customer account, when it is public. */
  authorAccount?: string | null;
  createdAt: number;
  editedAt: number | null;
  /** Where the earlier versions can be read, when the post was edited. */
  historyHref?: string;
  bodyHtml: string;
  editHref?: string;
  /** The post's own address, shown as a link to copy. */
  permalink?: string;
  label?: string;
  highlight?: boolean;
  /** Set when the post is hidden: staff and its author see why; others see a placeholder. */
  hidden?: { reason: string; placeholder: boolean } | null;
  /** Set for staff when the post was deleted (others never receive it). */
  deleteReason?: string | null;
  /** Links such as "Flag" or staff tools, shown after the body. */
  links?: { href: string; label: string }[];
  /** "Quote" into the reply form, when the viewer may reply. */
  quote?: QuoteTarget | null;
  children?: ReactNode;
};

/** One post — the thread's opening post or a reply — with its author, times and actions. */
export function PostCard(props: Props) {
  return (
    <article id={props.id} className={`post${props.highlight ? " post-answer" : ""}`} aria-label={props.label}>
      <header className="post-header">
        <UserName username={props.authorUsername} displayName={props.authorDisplayName} role={props.authorRole} />
        {props.authorAccount ? <span className="author-account">{props.authorAccount}</span> : null}
        <span className="post-time">
          <RelativeTime ms={props.createdAt} />
          {props.editedAt ? (
            <span className="edited" title={new Date(props.editedAt).toUTCString()}>
              {" "}
              · {props.historyHref ? <Link to={props.historyHref}>edited</Link> : "edited"}
            </span>
          ) : null}
        </span>
        {props.permalink ? <Permalink href={props.permalink} label={`Link to this post (${props.permalink})`} /> : null}
      </header>
      {props.deleteReason != null ? <p className="moderation-note">Deleted by staff: {props.deleteReason}</p> : null}
      {props.hidden && !props.hidden.placeholder ? (
        <p className="moderation-note">
          Hidden from the community: {props.hidden.reason}. Only staff and the author see it; editing it sends it back to staff for review.
        </p>
      ) : null}
      {props.hidden?.placeholder ? (
        <p className="hidden-placeholder">This post is hidden while staff review it.</p>
      ) : (
        <MarkdownBody html={props.bodyHtml} />
      )}
      {props.editHref || props.children || props.links?.length || props.quote ? (
        <footer className="post-actions">
          {props.children}
          {props.quote && !props.hidden?.placeholder ? <QuoteLink {...props.quote} /> : null}
          {props.links?.map((link) => (
            <Link key={link.href} to={link.href} className="button button-small button-quiet">
              {link.label}
            </Link>
          ))}
          {props.editHref ? (
            <Link to={props.editHref} className="button button-small button-quiet">
              Edit
            </Link>
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
