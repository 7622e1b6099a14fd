/**
 * A target release: a month ("2027-03") or a quarter ("2027-Q1"). Stored in
 * that form (it sorts by time within a kind) and shown as "March 2027" or
 * "Q1 2027".
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const TARGET_HINT = "A month (2027-03) or a quarter (2027-Q1).";

/** The stored form of what staff typed ("2027-q1", " 2027-03 "), or null when it is neither a month nor a quarter of 2000–2099. */
export function parseTargetRelease(value: string): string | null {
  const text = value.trim().toUpperCase();
  const match = MONTH.exec(text) ?? QUARTER.exec(text);
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2099) return null;
  return text;
}

export function formatTargetRelease(target: string): string {
  const month = MONTH.exec(target);
  if (month) return `${MONTH_NAMES[Number(month[2]) - 1]} ${month[1]}`;
  const quarter = QUARTER.exec(target);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return target;
}
