import type { ThreadKind } from "~db/schema";
import type { ShownStatus } from "~/utils/idea-status";
import { useStatusLabel } from "./StatusStyles";

const kindLabels: Record<ThreadKind, string> = {
  discussion: "Discussion",
  question: "Question",
  idea: "Idea",
};

export function KindBadge({ kind }: { kind: ThreadKind }) {
  return <span className={`badge badge-kind badge-${kind}`}>{kindLabels[kind]}</span>;
}

export function StatusBadge({ status }: { status: ShownStatus | null }) {
  const label = useStatusLabel();
  return status ? <span className={`badge badge-status status-${status}`}>{label(status)}</span> : null;
}

/** The admins' finer step within an idea's status ("In beta"), in its colour (/status-styles.css). */
export function SubstatusBadge({ substatus }: { substatus: { id: number; label: string } | null }) {
  return substatus ? <span className={`badge badge-status substatus-${substatus.id}`}>{substatus.label}</span> : null;
}

export function SolvedBadge() {
  return <span className="badge badge-solved">✓ Solved</span>;
}

export function CoDesignedBadge() {
  return <span className="badge badge-codesigned">★ Co-designed</span>;
}

/** A thread or reply out of public view that this viewer still sees: staff (hidden, deleted) and its author (hidden). */
export function ModerationBadge({ state }: { state: "hidden" | "deleted" | null }) {
  if (!state) return null;
  return <span className={`badge badge-${state}`}>{state === "hidden" ? "Hidden" : "Deleted"}</span>;
}

export function StaffBadge() {
  return <span className="badge badge-staff">Staff</span>;
}

/** Staff states a reader should notice before replying. */
export function ThreadStateBadges({ pinned, locked, closed }: { pinned: boolean; locked: boolean; closed: boolean }) {
  return (
    <>
      {pinned ? <span className="badge badge-kind">📌 Pinned</span> : null}
      {locked ? <span className="badge badge-kind">🔒 Locked</span> : null}
      {closed ? <span className="badge badge-kind">Closed</span> : null}
    </>
  );
}
