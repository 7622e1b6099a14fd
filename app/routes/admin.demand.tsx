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
  const read = (name: string) => search.get(name) || undefined;
  const filter = demandQuerySchema.parse({
    sort: read("sort"),
    status: read("status"),
    product: read("product"),
    plan: read("plan"),
    segment: read("segment"),
  });
  const [ideas, choices] = await Promise.all([listDemand(staff, { ...filter, productId: filter.product ?? null }), demandChoices(staff)]);
  return { ideas, choices, filter, currency: config().CURRENCY };
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
        <div className="field">
          <label htmlFor="product">Product</label>
          <select id="product" name="product" defaultValue={filter.product ?? ""}>
            <option value="">Any</option>
            {choices.products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any</option>
            {ideaStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan">Plan</label>
          <select id="plan" name="plan" defaultValue={filter.plan ?? ""}>
            <option value="">Any</option>
            {choices.plans.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="segment">Segment</label>
          <select id="segment" name="segment" defaultValue={filter.segment ?? ""}>
            <option value="">Any</option>
            {choices.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
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
