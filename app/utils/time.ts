const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600 * 1000],
  ["month", 30 * 24 * 3600 * 1000],
  ["week", 7 * 24 * 3600 * 1000],
  ["day", 24 * 3600 * 1000],
  ["hour", 3600 * 1000],
  ["minute", 60 * 1000],
];

// Building a formatter costs far more than formatting; a page shows dozens of times.
const formats = new Map<string, Intl.RelativeTimeFormat>();

/** "3 hours ago", in the page's language. */
export function relativeTime(ms: number, now = Date.now(), locale = "en"): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  const diff = ms - now;
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  }
  return "just now";
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
