import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const sections = [
  { to: "/admin/products", title: "Products", about: "Add, rename, reorder and archive the products people discuss." },
  { to: "/admin/users", title: "Users", about: "Find members, grant or revoke staff, make or demote admins." },
  { to: "/admin/settings", title: "Site settings", about: "The site's name and the description on the home page." },
  { to: "/admin/statuses", title: "Statuses", about: "Name the idea statuses your way, colour them, add sub-statuses." },
  { to: "/admin/tags", title: "Tags", about: "The labels members can put on their threads." },
  { to: "/admin/webhooks", title: "Webhooks", about: "Tell other tools when threads start, answers are marked or ideas change status." },
  { to: "/admin/flags", title: "Flags", about: "Posts members flagged, waiting for a decision." },
  { to: "/admin/audit", title: "Audit log", about: "Every staff and admin action, who did it and why." },
  { to: "/admin/accounts", title: "Customer accounts", about: "The companies your members work for, their revenue and their people." },
  { to: "/admin/demand", title: "Demand per customer", about: "Ideas by the customers and revenue behind them." },
  { to: "/admin/success", title: "Success dashboard", about: "How customers judged the ideas that shipped." },
  { to: "/admin/success/at-risk", title: "Accounts at risk", about: "Customers with verdicts not met or long waits, weighted by revenue." },
] as const;

export default function AdminHome() {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <p className="lede">Run the community: its products, its people and how it presents itself.</p>
      <ul className="product-grid admin-sections">
        {sections.map((s) => (
          <li key={s.to} className="product-card">
            <h2>
              <Link to={s.to}>{s.title}</Link>
            </h2>
            <p>{s.about}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
