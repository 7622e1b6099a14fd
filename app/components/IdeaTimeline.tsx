import { Link } from "@remix-run/react";
import type { IdeaEventKind, IdeaStatus } from "~db/schema";
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

/** The public history of an idea's status: who changed it, when, and what they said; and the decisions around it. */
export function IdeaTimeline({ entries, events = [] }: { entries: Entry[]; events?: IdeaEvent[] }) {
  if (entries.length === 0 && events.length === 0) return null;
  const eventsBefore = (at: number) => events.filter((e) => e.createdAt < at);
  return (
    <section className="timeline" aria-labelledby="timeline-title" id="timeline">
      <h2 id="timeline-title">Status timeline</h2>
      <ol>
        {entries.map((entry, index) => [
          ...eventsBefore(entry.createdAt)
            .filter((e) => index === 0 || e.createdAt >= entries[index - 1]!.createdAt)
            .map((e) => <EventLine key={`event-${e.id}`} event={e} />),
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
          </li>,
        ])}
        {events
          .filter((e) => entries.length === 0 || e.createdAt >= entries.at(-1)!.createdAt)
          .map((e) => (
            <EventLine key={`event-${e.id}`} event={e} />
          ))}
      </ol>
    </section>
  );
}
