import { Link } from "@remix-run/react";
import type { PagerLinks } from "~/utils/list-params";

/** Newer/older links of a keyset-paged list; rel=prev/next also go in the page's head. */
export function Pager({ links }: { links: PagerLinks }) {
  if (!links.first && !links.prev && !links.next) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-back">
        {links.first ? <Link to={links.first}>« First page</Link> : null}
        {links.prev ? (
          <Link rel="prev" to={links.prev}>
            ← Previous page
          </Link>
        ) : null}
      </span>
      {links.next ? (
        <Link rel="next" to={links.next}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
