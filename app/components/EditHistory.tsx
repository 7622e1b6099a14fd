import { Form } from "@remix-run/react";
import { RelativeTime } from "./RelativeTime";
import { SubmitButton } from "./SubmitButton";

type Version = { title: string | null; body: string | null };
type Props = {
  author: string | null;
  current: Version & { editedAt: number | null; editedBy: string | null };
  earlier: (Version & { id: number; replacedAt: number; replacedBy: string; hidden: { at: number; by: string | null } | null })[];
  /** Staff see hidden versions' text and can hide or show each one. */
  canHideVersions: boolean;
};

/** The versions of a post as the Markdown its author typed, newest first. Shown as text: nothing is rendered again. */
export function EditHistory({ author, current, earlier, canHideVersions }: Props) {
  return (
    <ol className="history">
      <li className="history-version">
        <h2>Current version</h2>
        <p className="muted small">
          {current.editedAt ? (
            <>
              Last edited <RelativeTime ms={current.editedAt} /> by @{current.editedBy}
            </>
          ) : (
            <>Written by @{author}, never edited</>
          )}
        </p>
        <VersionText version={current} />
      </li>
      {earlier.map((version, index) => (
        <li key={version.id} className="history-version">
          <h2>Version {earlier.length - index}</h2>
          <p className="muted small">
            Replaced <RelativeTime ms={version.replacedAt} /> by @{version.replacedBy}
            {version.replacedBy !== author ? " (not the author)" : null}
          </p>
          {version.hidden ? (
            <p className="moderation-note">
              {canHideVersions ? (
                <>
                  Hidden from everyone but staff
                  {version.hidden.by ? ` by @${version.hidden.by}` : null} <RelativeTime ms={version.hidden.at} />.
                </>
              ) : (
                "Staff hid this version."
              )}
            </p>
          ) : null}
          <VersionText version={version} />
          {canHideVersions ? (
            <Form method="post" className="inline-actions">
              <input type="hidden" name="revisionId" value={version.id} />
              <SubmitButton intent={version.hidden ? "show-version" : "hide-version"} pendingText="Saving…" className="button button-small">
                {version.hidden ? "Show this version again" : "Hide this version"}
              </SubmitButton>
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function VersionText({ version }: { version: Version }) {
  if (version.body === null) return null;
  return (
    <>
      {version.title !== null ? <p className="history-title">{version.title}</p> : null}
      <pre className="history-body">{version.body}</pre>
    </>
  );
}
