import { Link } from "@remix-run/react";
import { Fragment } from "react";
import type { IdeaEventKind, IdeaStatus } from "~db/schema";
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

type IdeaEvent = {
  id: number;
  kind: IdeaEventKind;
  note: string;
  createdAt: number;
  sourceId: number | null;
  sourceTitle: string | null;
  personUsername: string | null;
  personDisplayName: string | null;
  actorUsername: string;
  actorDisplayName: string | null;
};

/** One decision around the status: accepted as co-designed, a credit, an idea merged in (with the reason). */
function EventLine({ event }: { event: IdeaEvent }) {
  const person = event.personDisplayName || event.personUsername || "someone";
  return (
    <li className={`timeline-entry timeline-${event.kind}`}>
      <p className="timeline-line">
        {event.kind === "co_designed" ? <strong>Accepted as co-designed</strong> : null}
        {event.kind === "credit" ? (
          <>
            <strong>Credited {person}</strong> as co-designer
          </>
        ) : null}
        {event.kind === "merged_in" ? (
          <>
            <strong>Merged in</strong>{" "}
            {event.sourceId ? (
              <Link to={threadPath({ id: event.sourceId, title: event.sourceTitle ?? "" })}>{event.sourceTitle}</Link>
            ) : (
              "an idea"
            )}{" "}
            by {person}
          </>
        ) : null}{" "}
        <span className="muted">
          by {event.actorDisplayName || event.actorUsername} · <RelativeTime ms={event.createdAt} />
        </span>
      </p>
      {event.note ? <p>{event.note}</p> : null}
    </li>
  );
}

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

function TargetLine({ entry }: { entry: TargetEntry }) {
  const change = !entry.from ? (
    <>
      Target release set to <strong>{entry.to}</strong>
    </>
  ) : !entry.to ? (
    <>Target release {entry.from} withdrawn</>
  ) : (
    <>
      Target release moved from {entry.from} to <strong>{entry.to}</strong>
    </>
  );
  return (
    <li className="timeline-entry timeline-target">
      <p className="timeline-line">
        {change}{" "}
        <span className="muted">
          by {entry.actorDisplayName || entry.actorUsername} · <RelativeTime ms={entry.createdAt} />
        </span>
      </p>
      {entry.reason ? <p>{entry.reason}</p> : null}
    </li>
  );
}

function StatusLine({ entry }: { entry: Entry }) {
  const label = useStatusLabel();
  return (
    <li className={`timeline-entry timeline-${entry.to}`}>
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
  );
}

type Props = { entries: Entry[]; events?: IdeaEvent[]; targetChanges?: TargetEntry[] };

/**
 * The public history of an idea: its status changes (who, when, what they
 * said), the decisions around them (accepted, credits, ideas merged in) and
 * the moves of its public target release, in the order they happened.
 */
export function IdeaTimeline({ entries, events = [], targetChanges = [] }: Props) {
  if (entries.length + events.length + targetChanges.length === 0) return null;
  // A status change sorts before an event or target change of the same moment, as it caused them.
  const lines = [
    ...entries.map((entry) => ({ at: entry.createdAt, order: 0, key: `status-${entry.id}`, line: <StatusLine entry={entry} /> })),
    ...events.map((event) => ({ at: event.createdAt, order: 1, key: `event-${event.id}`, line: <EventLine event={event} /> })),
    ...targetChanges.map((entry) => ({ at: entry.createdAt, order: 2, key: `target-${entry.id}`, line: <TargetLine entry={entry} /> })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  return (
    <section className="timeline" aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">Status timeline</h2>
      <ol>
        {lines.map(({ key, line }) => (
          <Fragment key={key}>{line}</Fragment>
        ))}
      </ol>
    </section>
  );
}
