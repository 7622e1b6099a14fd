import { Link } from "@remix-run/react";
import type { IdeaStatus } from "~db/schema";
import { useStatusLabel } from "./StatusStyles";
import { threadPath } from "~/utils/slug";
import { MarkdownBody } from "./MarkdownBody";
import { RelativeTime } from "./RelativeTime";

type Entry = {
  id: number;
  from: IdeaStatus | null;
  to: IdeaStatus | "merged";
  noteHtml: string;
  createdAt: number;
  mergedIntoId: number | null;
  mergedIntoTitle: string | null;
  actorUsername: string;
  actorDisplayName: string | null;
};

/** A change of the idea's public target release (app/models/idea-plan.server.ts). */
type TargetEntry = {
  id: number;
  from: string | null;
  to: string | null;
  reason: string;
  createdAt: number;
  actorUsername: string;
  actorDisplayName: string | null;
};

function targetLine(entry: TargetEntry) {
  if (!entry.from)
    return (
      <>
        Target release set to <strong>{entry.to}</strong>
      </>
    );
  if (!entry.to) return <>Target release {entry.from} withdrawn</>;
  return (
    <>
      Target release moved from {entry.from} to <strong>{entry.to}</strong>
    </>
  );
}

/** The public history of an idea's status and target release: who changed it, when, and what they said. */
export function IdeaTimeline({ entries, targetChanges = [] }: { entries: Entry[]; targetChanges?: TargetEntry[] }) {
  const label = useStatusLabel();
  if (entries.length === 0 && targetChanges.length === 0) return null;
  const all = [
    ...entries.map((entry) => ({ key: `s${entry.id}`, at: entry.createdAt, status: entry as Entry | null, target: null })),
    ...targetChanges.map((entry) => ({ key: `t${entry.id}`, at: entry.createdAt, status: null, target: entry as TargetEntry | null })),
  ].sort((a, b) => a.at - b.at);
  return (
    <section className="timeline" aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">Status timeline</h2>
      <ol>
        {all.map(({ key, status: entry, target }) =>
          target ? (
            <li key={key} className="timeline-entry timeline-target">
              <p className="timeline-line">
                {targetLine(target)}{" "}
                <span className="muted">
                  by {target.actorDisplayName || target.actorUsername} · <RelativeTime ms={target.createdAt} />
                </span>
              </p>
              {target.reason ? <p>{target.reason}</p> : null}
            </li>
          ) : entry ? (
            <li key={key} className={`timeline-entry timeline-${entry.to}`}>
              <p className="timeline-line">
                {entry.to === "merged" && entry.mergedIntoId ? (
                  <>
                    Merged into{" "}
                    <Link to={threadPath({ id: entry.mergedIntoId, title: entry.mergedIntoTitle ?? "" })}>
                      {entry.mergedIntoTitle ?? `#${entry.mergedIntoId}`}
                    </Link>
                  </>
                ) : (
                  <>
                    {entry.from ? `${label(entry.from)} → ` : null}
                    <strong>{label(entry.to)}</strong>
                  </>
                )}{" "}
                <span className="muted">
                  by {entry.actorDisplayName || entry.actorUsername} · <RelativeTime ms={entry.createdAt} />
                </span>
              </p>
              {entry.noteHtml ? <MarkdownBody html={entry.noteHtml} /> : null}
            </li>
          ) : null,
        )}
      </ol>
    </section>
  );
}
