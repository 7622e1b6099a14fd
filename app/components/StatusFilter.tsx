import { Link } from "@remix-run/react";
import type { IdeaStatus } from "~db/schema";
import { ideaStatuses } from "~/utils/idea-status";
import { useStatusLabel } from "./StatusStyles";

/** Links that narrow a list to ideas in one status; plain links, so they work without JavaScript. */
export function StatusFilter({ hrefFor, current }: { hrefFor: (status: IdeaStatus | null) => string; current: IdeaStatus | null }) {
  const label = useStatusLabel();
  return (
    <nav aria-label="Filter ideas by status" className="status-filter">
      <ul>
        <li>
          <Link to={hrefFor(null)} aria-current={current === null ? "page" : undefined}>
            All threads
          </Link>
        </li>
        {ideaStatuses.map((status) => (
          <li key={status}>
            <Link to={hrefFor(status)} aria-current={current === status ? "page" : undefined}>
              {label(status)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
