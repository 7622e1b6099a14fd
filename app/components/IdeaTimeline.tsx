import { Link } from "@remix-run/react";
import type { IdeaStatus } from "~db/schema";
import { statusLabels } from "~/utils/idea-status";
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

/** The public history of an idea's status: who changed it, when, and what they said. */
export function IdeaTimeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="timeline" aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">Status timeline</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} className={`timeline-entry timeline-${entry.to}`}>
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
                  {entry.from ? `${statusLabels[entry.from]} → ` : null}
                  <strong>{entry.to === "merged" ? "Merged" : statusLabels[entry.to]}</strong>
                </>
              )}{" "}
              <span className="muted">
                by {entry.actorDisplayName || entry.actorUsername} · <RelativeTime ms={entry.createdAt} />
              </span>
            </p>
            {entry.noteHtml ? <MarkdownBody html={entry.noteHtml} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
