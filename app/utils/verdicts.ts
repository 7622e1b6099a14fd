import type { MeasureScope, Verdict } from "~db/schema";

export const verdictLabels: Record<Verdict, string> = { met: "Met", partly: "Partly met", not_met: "Not met" };

/** When a verdict was asked: 0 days after shipping is "at ship". */
export function roundLabel(afterDays: number): string {
  return afterDays === 0 ? "At ship" : `After ${afterDays} days`;
}

export const scopeLabels: Record<MeasureScope, string> = { in: "In scope", partly: "Partly in scope", out: "Out of scope" };
