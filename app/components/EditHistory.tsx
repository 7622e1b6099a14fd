import { RelativeTime } from "./RelativeTime";

type Version = { title: string | null; body: string };
type Props = {
  author: string | null;
  current: Version & { editedAt: number | null; editedBy: string | null };
  earlier: (Version & { id: number; replacedAt: number; replacedBy: string })[];
};

/** The versions of a post as the Markdown its author typed, newest first. Shown as text: nothing is rendered again. */
export function EditHistory({ author, current, earlier }: Props) {
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
          <VersionText version={version} />
        </li>
      ))}
    </ol>
  );
}

function VersionText({ version }: { version: Version }) {
  return (
    <>
      {version.title !== null ? <p className="history-title">{version.title}</p> : null}
      <pre className="history-body">{version.body}</pre>
    </>
  );
}
