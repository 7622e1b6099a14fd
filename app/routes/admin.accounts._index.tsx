import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { config } from "~/config.server";
import { AccountFields } from "~/components/AccountFields";
import { AccountImportForm } from "~/components/AccountImportForm";
import { SubmitButton } from "~/components/SubmitButton";
import { createAccount, listAccountOwners, listAccounts } from "~/models/account.server";
import { importAccountsFromForm } from "~/routes/accounts-csv.server";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/meta";
import { accountSchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Customer accounts — Staff") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const search = new URL(request.url).searchParams;
  const q = search.get("q")?.trim().slice(0, 100) ?? "";
  const imported = search.get("imported");
  const [accounts, owners] = await Promise.all([listAccounts(staff, { q }), listAccountOwners(staff)]);
  return { accounts, owners, q, currency: config().CURRENCY, imported: imported && /^\d+$/.test(imported) ? Number(imported) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return handleIntents(request, {
    create: form(accountSchema, async (input) => {
      const { id } = await createAccount(staff, input);
      return redirect(`/admin/accounts/${id}?created=1`);
    }),
    import: async (formData) => importAccountsFromForm(staff, formData),
  });
}

export default function AdminAccounts() {
  const { accounts, owners, q, currency, imported } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Customer accounts</h1>
      <p className="muted">
        Companies your members work for. Plan, segment and revenue are seen by staff only.{" "}
        <Link to="/admin/demand">Demand per customer →</Link>
      </p>
      {imported !== null ? (
        <p className="notice" role="status">
          Imported {imported} {imported === 1 ? "account" : "accounts"}.
        </p>
      ) : null}
      <Form method="get" className="filter-form" role="search" aria-label="Search accounts">
        <div className="field">
          <label htmlFor="q">Name, slug or domain</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
        {q ? <Link to="/admin/accounts">Show all</Link> : null}
      </Form>
      {accounts.length === 0 ? (
        <p className="empty">{q ? `No account matches “${q}”.` : "No accounts yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table stack-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Domains</th>
                <th scope="col">Plan</th>
                <th scope="col">Segment</th>
                <th scope="col">ARR</th>
                <th scope="col">Owner</th>
                <th scope="col">Members</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                    <div className="username">
                      {a.slug}
                      {a.isPublic ? " · public" : ""}
                    </div>
                  </td>
                  <td data-label="Domains">{a.domains.join(", ") || "—"}</td>
                  <td data-label="Plan">{a.plan ?? "—"}</td>
                  <td data-label="Segment">{a.segment ?? "—"}</td>
                  <td data-label="ARR">{formatMoney(a.arr, currency)}</td>
                  <td data-label="Owner">{a.ownerUsername ? `@${a.ownerUsername}` : "—"}</td>
                  <td data-label="Members">{a.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a className="button" href="/admin/accounts/export.csv" download>
          Export all as CSV
        </a>
      </p>
      <AccountImportForm feedback={feedbackFor(actionData, "import")} />
      <section className="form-page" aria-labelledby="create-account-title">
        <h2 id="create-account-title" className="form-title">
          Add an account
        </h2>
        <Form method="post" noValidate key={accounts.length}>
          <AccountFields owners={owners} currency={currency} feedback={feedbackFor(actionData, "create")} />
          <SubmitButton intent="create" pendingText="Creating…" className="button button-primary">
            Create account
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}
