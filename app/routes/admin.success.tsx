import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { RelativeTime } from "~/components/RelativeTime";
import { VerdictBar, VerdictLabel } from "~/components/Verdicts";
import { getSuccessDashboard } from "~/models/success-measure.server";
import { threadPath } from "~/utils/slug";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Success dashboard") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return getSuccessDashboard(user);
}

export default function SuccessDashboard() {
  const { ideas, overall, overallShares, waitingOnUnshipped } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Did it work for them?</h1>
          <p className="lede">How customers judged the ideas that shipped, against the measures of success they wrote themselves.</p>
          <p>
            <Link to="/admin/success/at-risk">Accounts at risk</Link>
          </p>
        </div>
      </header>
      <section className="dashboard-summary" aria-labelledby="summary-title">
        <h2 id="summary-title">All shipped ideas</h2>
        <VerdictBar tally={overall} shares={overallShares} />
        <p className="muted">
          {waitingOnUnshipped} {waitingOnUnshipped === 1 ? "measure waits" : "measures wait"} on ideas that have not shipped yet.
        </p>
      </section>
      {ideas.length === 0 ? (
        <p className="empty">No shipped idea has a success measure yet.</p>
      ) : (
        ideas.map((idea) => (
          <article key={idea.id} className="dashboard-idea" aria-labelledby={`idea-${idea.id}`}>
            <h2 id={`idea-${idea.id}`}>
              <Link to={threadPath(idea)}>{idea.title}</Link>
            </h2>
            <p className="muted small">
              {idea.productName} · shipped <RelativeTime ms={idea.shippedAt} />
            </p>
            <VerdictBar tally={idea.tally} shares={idea.shares} />
            <div className="table-scroll">
              <table className="audit-table">
                <caption className="visually-hidden">Measures and verdicts for {idea.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Their measure of success</th>
                    <th scope="col">Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {idea.measures.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/users/${m.username}`}>{m.displayName || m.username}</Link>
                      </td>
                      <td>{m.measure}</td>
                      <td>
                        <VerdictLabel verdict={m.verdict} />
                        {m.verdictComment ? <p className="small">“{m.verdictComment}”</p> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        ))
      )}
    </>
  );
}
