import { Form } from "@remix-run/react";
import { SubmitButton } from "./SubmitButton";
import { isoTime } from "~/utils/time";

type Link = { issuer: string; subject: string; createdAt: number; lastUsedAt: number };

const day = (ms: number) => <time dateTime={isoTime(ms)}>{isoTime(ms).slice(0, 10)}</time>;
const hostOf = (issuer: string) => (URL.canParse(issuer) ? new URL(issuer).host : issuer);

/** A member's company sign-ins (OpenID Connect) on /admin/users: where, since when, last used, and "Remove". */
export function IdentityLinks({ links, username }: { links: Link[]; username: string }) {
  if (links.length === 0) return <span className="muted small">None</span>;
  return (
    <ul className="identity-links">
      {links.map((link) => (
        <li key={`${link.issuer} ${link.subject}`}>
          <span title={link.issuer}>{hostOf(link.issuer)}</span>
          <div className="muted small">
            since {day(link.createdAt)}, last used {day(link.lastUsedAt)}
          </div>
          <Form method="post" className="inline-form">
            <input type="hidden" name="issuer" value={link.issuer} />
            <input type="hidden" name="subject" value={link.subject} />
            <SubmitButton intent="unlink" pendingText="Removing…" className="button button-small">
              Remove<span className="visually-hidden"> the company sign-in of @{username}</span>
            </SubmitButton>
          </Form>
        </li>
      ))}
    </ul>
  );
}
