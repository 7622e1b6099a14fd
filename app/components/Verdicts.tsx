import type { Verdict } from "~db/schema";

import { verdictLabels } from "~/utils/verdicts";

export { verdictLabels };

/** A member's verdict on a shipped idea, or that it is still outstanding. */
export function VerdictLabel({ verdict }: { verdict: Verdict | null }) {
  return <span className={`verdict verdict-${verdict ?? "pending"}`}>{verdict ? verdictLabels[verdict] : "Verdict pending"}</span>;
}

type Tally = { met: number; partly: number; notMet: number; outstanding: number };
type Shares = { given: number; met: number; partly: number; notMet: number };

const barColors: Record<string, string> = { met: "#1f8a4c", partly: "#c98a12", not_met: "#c0392b" };

/** An SVG bar: its widths are attributes, which the CSP allows, unlike inline styles. */
function SharesBar({ parts }: { parts: { key: string; share: number }[] }) {
  const startOf = (index: number) => parts.slice(0, index).reduce((sum, p) => sum + p.share, 0);
  return (
    <svg className="verdict-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {parts.map((p, index) => (
        <rect key={p.key} x={startOf(index)} y={0} width={p.share} height={4} fill={barColors[p.key]} />
      ))}
    </svg>
  );
}

/** The shares of verdicts met / partly / not met, as a bar and in words, plus how many are outstanding. */
export function VerdictBar({ tally, shares }: { tally: Tally; shares: Shares }) {
  const parts = [
    { key: "met", label: "Met", share: shares.met, count: tally.met },
    { key: "partly", label: "Partly met", share: shares.partly, count: tally.partly },
    { key: "not_met", label: "Not met", share: shares.notMet, count: tally.notMet },
  ];
  return (
    <div className="verdict-summary">
      {shares.given > 0 ? <SharesBar parts={parts} /> : null}
      <ul className="verdict-shares">
        {parts.map((p) => (
          <li key={p.key}>
            <VerdictLabel verdict={p.key as Verdict} /> <strong>{p.share}%</strong> <span className="muted">({p.count})</span>
          </li>
        ))}
        <li>
          <VerdictLabel verdict={null} /> <strong>{tally.outstanding}</strong> outstanding
        </li>
      </ul>
    </div>
  );
}
