import { Link } from "@remix-run/react";
import { threadPagePath } from "~/utils/slug";

type Props = { thread: { id: number; title: string }; page: number; pageCount: number };

/** The page numbers to offer: all of them for a few pages, else the first, the last and those around this one. */
function pageNumbers(page: number, pageCount: number): (number | "gap")[] {
  if (pageCount <= 9) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const near = [1, page - 2, page - 1, page, page + 1, page + 2, pageCount].filter((n) => n >= 1 && n <= pageCount);
  const unique = [...new Set(near)].sort((a, b) => a - b);
  return unique.flatMap((n, i) => (i > 0 && n - unique[i - 1]! > 1 ? (["gap", n] as const) : [n]));
}

/** Links between the pages of a thread's replies; rel=prev/next also go in the page's head. */
export function ReplyPager({ thread, page, pageCount }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pager reply-pager" aria-label="Pages of replies">
      {page > 1 ? (
        <Link rel="prev" to={threadPagePath(thread, page - 1)}>
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <ol className="page-numbers">
        {pageNumbers(page, pageCount).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span aria-current="page">
                  <span className="visually-hidden">Page </span>
                  {n}
                </span>
              ) : (
                <Link to={threadPagePath(thread, n)} aria-label={`Page ${n}`}>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
      {page < pageCount ? (
        <Link rel="next" to={threadPagePath(thread, page + 1)}>
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
