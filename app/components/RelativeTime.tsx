import { isoTime, relativeTime } from "~/utils/time";

/** "3 hours ago" with the exact time on hover; the server and browser may differ by a minute. */
export function RelativeTime({ ms }: { ms: number }) {
  return (
    <time dateTime={isoTime(ms)} title={new Date(ms).toUTCString()} suppressHydrationWarning>
      {relativeTime(ms)}
    </time>
  );
}
