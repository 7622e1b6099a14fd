import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IdeaCard } from "~/components/IdeaCard";
import { MarkdownBody } from "~/components/MarkdownBody";
import { RelativeTime } from "~/components/RelativeTime";
import { listChangelog, parseChangelogCursor } from "~/models/changelog.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle, siteNameIn } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Changelog") },
  { name: "description", content: "Every idea that shipped, with the release note and the customers who co-designed it." },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: `${siteNameIn(matches)} changelog`,
    href: "/changelog/feed.xml",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const after = new URL(request.url).searchParams.get("after");
  const cursor = parseChangelogCursor(after);
  invariantResponse(after === null || cursor, "That page link is not valid.", { status: 400 });
  return { ...(await listChangelog(cursor)), isFirstPage: cursor === null };
}

export default function Changelog() {
  const { entries, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Changelog</h1>
          <p className="lede">Ideas from the community that shipped, newest first, and who helped design them.</p>
        </div>
      </header>
      {entries.length === 0 ? (
        <p className="empty">Nothing has shipped yet.</p>
      ) : (
        <div className="changelog">
          {entries.map((entry) => (
            <IdeaCard key={entry.id} {...entry} headingLevel={2}>
              <p className="muted small">
                Shipped <RelativeTime ms={entry.shippedAt} />
              </p>
              {entry.releaseNoteHtml ? <MarkdownBody html={entry.releaseNoteHtml} /> : null}
            </IdeaCard>
          ))}
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {!isFirstPage ? <Link to="/changelog">← Latest</Link> : <span />}
        {nextCursor ? (
          <Link rel="next" to={`/changelog?after=${nextCursor}`}>
            Earlier releases →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
