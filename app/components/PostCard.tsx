import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "~db/schema";
import { MarkdownBody } from "./MarkdownBody";
import { RelativeTime } from "./RelativeTime";
import { UserName } from "./UserName";

type Props = {
  id?: string;
  authorUsername: string;
  authorDisplayName: string | null;
  authorRole: Role;
  createdAt: number;
  editedAt: number | null;
  bodyHtml: string;
  editHref?: string;
  label?: string;
  highlight?: boolean;
  children?: ReactNode;
};

/** One post — the thread's opening post or a reply — with its author, times and actions. */
export function PostCard(props: Props) {
  return (
    <article id={props.id} className={`post${props.highlight ? " post-answer" : ""}`} aria-label={props.label}>
      <header className="post-header">
        <UserName username={props.authorUsername} displayName={props.authorDisplayName} role={props.authorRole} />
        <span className="post-time">
          <RelativeTime ms={props.createdAt} />
          {props.editedAt ? (
            <span className="edited" title={new Date(props.editedAt).toUTCString()}>
              {" "}
              · edited
            </span>
          ) : null}
        </span>
      </header>
      <MarkdownBody html={props.bodyHtml} />
      {props.editHref || props.children ? (
        <footer className="post-actions">
          {props.children}
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
