import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { ScopeNote, VerdictHistory } from "~/components/MeasureReview";
import { VerdictLabel } from "~/components/Verdicts";
import { getLedger } from "~/models/success-ledger.server";
import { statusLabels } from "~/utils/idea-status";
import { pageTitle } from "~/utils/meta";
import { threadPath } from "~/utils/slug";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data ? `${data.account.name}: success ledger` : "Success ledger") },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getLedger(user, params.slug ?? "");
}

export default function SuccessLedger() {
  const { account, measures, metRate } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{account.name}: success ledger</h1>
          <p className="lede">
            Every measure of success {account.name}'s people wrote, where each idea stands, and how they judged what shipped, over time.
          </p>
        </div>
      </header>
      <section className="dashboard-summary" aria-labelledby="met-rate-title">
        <h2 id="met-rate-title">Met-rate</h2>
        <p className="met-rate">
          {metRate.rate === null ? (
            "No verdicts yet."
          ) : (
            <>
              <strong>{metRate.rate}%</strong> met ({metRate.met} of {metRate.judged} judged)
            </>
          )}
        </p>
        {account.arr !== null ? <p className="muted small">ARR (staff only): {account.arr.toLocaleString("en")}</p> : null}
      </section>
      {measures.length === 0 ? (
        <p className="empty">No one at {account.name} has written a measure of success yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table ledger-table">
            <caption className="visually-hidden">Measures of success written at {account.name}</caption>
            <thead>
              <tr>
                <th scope="col">Idea</th>
                <th scope="col">Measure</th>
                <th scope="col">Verdicts over time</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={threadPath({ id: m.threadId, title: m.title })}>{m.title}</Link>
                    <p className="small muted">{statusLabels[m.status ?? "open"]}</p>
                  </td>
                  <td>
                    <p>{m.measure}</p>
                    <p className="small muted">
                      <Link to={`/users/${m.username}`}>{m.displayName || m.username}</Link>
                    </p>
                    <ScopeNote scope={m.scope} reason={m.scopeReason} />
                  </td>
                  <td>
                    {m.history.length > 0 ? <VerdictHistory history={m.history} /> : <VerdictLabel verdict={null} />}
                    {m.followUpId ? (
                      <p className="small">
                        Follow-up: <Link to={threadPath({ id: m.followUpId, title: m.followUpTitle ?? "" })}>{m.followUpTitle}</Link>
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
