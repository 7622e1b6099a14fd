import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { listAccountsAtRisk } from "~/models/success-ledger.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Accounts at risk") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { accounts: await listAccountsAtRisk(user) };
}

export default function AccountsAtRisk() {
  const { accounts } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Accounts at risk</h1>
          <p className="lede">
            Customers whose measures were not met, or have waited longest on ideas not shipped yet, weighted by revenue: risk = ARR × (not
            met + ½ partly + days the oldest measure has waited ÷ 90).
          </p>
        </div>
      </header>
      {accounts.length === 0 ? (
        <p className="empty">No account is at risk: nothing judged “not met”, nothing waiting.</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <caption className="visually-hidden">Accounts at risk, highest risk first</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">ARR</th>
                <th scope="col">Not met</th>
                <th scope="col">Partly</th>
                <th scope="col">Waiting</th>
                <th scope="col">Risk</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/accounts/${a.slug}/success`}>{a.name}</Link>
                  </td>
                  <td>{a.arr.toLocaleString("en")}</td>
                  <td>{a.notMet}</td>
                  <td>{a.partly}</td>
                  <td>
                    {a.waiting} {a.waiting > 0 ? <span className="muted small">(oldest {a.waitingDays} days)</span> : null}
                  </td>
                  <td>{a.risk.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
