import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { config } from "~/config.server";
import { demandChoices, listDemand } from "~/models/demand.server";
import { ideaStatuses, statusLabels } from "~/utils/idea-status";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/meta";
import { threadPath } from "~/utils/slug";
import { demandQuerySchema } from "~/utils/validation.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Demand per customer — Staff") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const search = new URL(request.url).searchParams;
  // An empty choice ("Any") is no filter.
  const filter = demandQuerySchema.parse({
    sort: search.get("sort") || undefined,
    status: search.get("status") || undefined,
    product: search.get("product") || undefined,
    plan: search.get("plan") || undefined,
    segment: search.get("segment") || undefined,
  });
  const [ideas, choices] = await Promise.all([listDemand(staff, { ...filter, productId: filter.product ?? null }), demandChoices(staff)]);
  return { ideas, choices, filter, currency: config().CURRENCY };
}

/** One filter: "Any" or one of its values, as (value, label). */
function Choice({ name, label, chosen, options }: { name: string; label: string; chosen: string; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={chosen}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

const sortLabels = { arr: "ARR", accounts: "Accounts", votes: "Votes" } as const;

export default function AdminDemand() {
  const { ideas, choices, filter, currency } = useLoaderData<typeof loader>();
  const money = (n: number) => formatMoney(n, currency);
  return (
    <section aria-labelledby="demand-title">
      <p className="breadcrumb">
        <Link to="/admin/accounts">← Customer accounts</Link>
      </p>
      <h1 id="demand-title">Demand per customer</h1>
      <p className="muted">
        Which customers want each idea: accounts whose people voted, or for whom staff recorded feedback, and their annual revenue. Staff
        only; members and visitors see votes.
      </p>
      <Form method="get" className="filter-form" aria-label="Filter ideas">
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={filter.sort}>
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Choice
          name="product"
          label="Product"
          chosen={filter.product ? String(filter.product) : ""}
          options={choices.products.map((p) => [String(p.id), p.name])}
        />
        <Choice name="status" label="Status" chosen={filter.status ?? ""} options={ideaStatuses.map((st) => [st, statusLabels[st]])} />
        <Choice name="plan" label="Plan" chosen={filter.plan ?? ""} options={choices.plans.map((p) => [p, p])} />
        <Choice name="segment" label="Segment" chosen={filter.segment ?? ""} options={choices.segments.map((sg) => [sg, sg])} />
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      {ideas.length === 0 ? (
        <p className="empty">No ideas match.</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table stack-table">
            <thead>
              <tr>
                <th scope="col">Idea</th>
                <th scope="col">Status</th>
                <th scope="col">Votes</th>
                <th scope="col">Accounts</th>
                <th scope="col">ARR</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {ideas.map((idea) => (
                <tr key={idea.id}>
                  <td>
                    <Link to={threadPath(idea)}>{idea.title}</Link>
                    <div className="username">{idea.productName}</div>
                  </td>
                  <td data-label="Status">{statusLabels[idea.status]}</td>
                  <td data-label="Votes">{idea.votes}</td>
                  <td data-label="Accounts">{idea.accounts.length}</td>
                  <td data-label="ARR">{money(idea.arr)}</td>
                  <td data-label="Who">
                    {idea.accounts.length === 0 ? "—" : idea.accounts.map((a) => `${a.name} (${money(a.arr)})`).join(", ")}
                    {idea.byPlan.length > 1 ? (
                      <div className="muted small">By plan: {idea.byPlan.map((g) => `${g.key} ${money(g.arr)}`).join(", ")}</div>
                    ) : null}
                    {idea.bySegment.length > 1 ? (
                      <div className="muted small">By segment: {idea.bySegment.map((g) => `${g.key} ${money(g.arr)}`).join(", ")}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
