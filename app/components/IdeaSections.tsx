import { Link } from "@remix-run/react";
import type { SubscriptionLevel } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { threadPath } from "~/utils/slug";
import { IdeaPlan } from "./IdeaPlan";
import { IdeaTimeline } from "./IdeaTimeline";
import { MarkdownBody } from "./MarkdownBody";
import { StaffNotes } from "./StaffNotes";
import { StatusForm } from "./StatusForm";
import { SuccessMeasures, type Measure } from "./SuccessMeasures";

type Details = {
  timeline: Parameters<typeof IdeaTimeline>[0]["entries"];
  events: NonNullable<Parameters<typeof IdeaTimeline>[0]["events"]>;
  useCases: { id: number; title: string; bodyHtml: string; username: string; displayName: string | null }[];
  followUpOf: { id: number; title: string } | null;
  measures: Measure[];
  ownMeasure: Measure | null;
  staffNotes: Parameters<typeof StaffNotes>[0]["notes"] | null;
  subscription: SubscriptionLevel | null;
  mergedInto: { id: number; title: string } | null;
  plan: Parameters<typeof IdeaPlan>[0]["plan"] & { targetChanges: NonNullable<Parameters<typeof IdeaTimeline>[0]["targetChanges"]> };
};

/** Merge keeps each requester's use case: the opening text of each idea merged into this one, credited to its author. */
function UseCases({ useCases }: { useCases: Details["useCases"] }) {
  if (useCases.length === 0) return null;
  return (
    <section aria-labelledby="use-cases-title" id="use-cases" className="use-cases">
      <h2 id="use-cases-title">Use cases from merged ideas</h2>
      {useCases.map((u) => (
        <figure key={u.id} className="use-case">
          <blockquote>
            <MarkdownBody html={u.bodyHtml} />
          </blockquote>
          <figcaption>
            — <Link to={`/users/${u.username}`}>{u.displayName || u.username}</Link>, in <Link to={threadPath(u)}>{u.title}</Link>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}

/** A notice at the top of a duplicate idea that was merged into another. */
export function MergedNotice({ into }: { into: { id: number; title: string } }) {
  return (
    <p className="notice" role="status">
      This idea was merged into <Link to={threadPath(into)}>{into.title}</Link>. Vote and reply there.
    </p>
  );
}

type Props = {
  threadId: number;
  status: ShownStatus;
  details: Details;
  canChangeStatus: boolean;
  canWriteMeasure: boolean;
  loginHref: string | null;
};

/**
 * The parts of the page only ideas have: timeline, staff status form, success
 * measures, staff notes. A merged idea keeps its timeline (which ends with the
 * merge) and staff notes; its measures went to the idea it was merged into.
 */
export function IdeaSections({ threadId, status, details, canChangeStatus, canWriteMeasure, loginHref }: Props) {
  if (status === "merged") {
    return (
      <>
        <IdeaTimeline entries={details.timeline} events={details.events} targetChanges={details.plan.targetChanges} />
        {details.staffNotes ? <StaffNotes threadId={threadId} notes={details.staffNotes} /> : null}
      </>
    );
  }
  return (
    <>
      <IdeaPlan plan={details.plan} />
      <IdeaTimeline entries={details.timeline} events={details.events} targetChanges={details.plan.targetChanges} />
      {details.followUpOf ? (
        <p className="notice">
          A follow-up to <Link to={threadPath(details.followUpOf)}>{details.followUpOf.title}</Link>.
        </p>
      ) : null}
      <UseCases useCases={details.useCases} />
      {/* A new form after each change: the note just published must not stay in the box to be sent again. */}
      {canChangeStatus ? <StatusForm key={details.timeline.at(-1)?.id ?? 0} threadId={threadId} current={status} /> : null}
      <SuccessMeasures
        threadId={threadId}
        status={status}
        canReview={canChangeStatus}
        measures={details.measures}
        ownMeasure={details.ownMeasure}
        canWrite={canWriteMeasure}
        loginHref={loginHref}
      />
      {details.staffNotes ? <StaffNotes threadId={threadId} notes={details.staffNotes} /> : null}
    </>
  );
}
