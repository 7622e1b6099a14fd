import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { countFlagQueue } from "~/models/flag.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Staff") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { flagsWaiting: await countFlagQueue(user), isAdmin: user.role === "admin" };
}

/** Where staff start: the tools of their daily work, the flag queue first with how many posts wait in it. */
export default function StaffHome() {
  const { flagsWaiting, isAdmin } = useLoaderData<typeof loader>();
  const tools = [
    {
      to: "/admin/flags",
      title: "Flags to review",
      note: flagsWaiting === 0 ? "Nothing waiting" : `${flagsWaiting} waiting`,
      about: "Posts members flagged: hide them, bring them back or dismiss the flags.",
    },
    {
      to: "/announcements/new",
      title: "Post an announcement",
      about: "Pinned at the top of a product's lists or every list; followers are told.",
    },
    { to: "/admin/audit", title: "Audit log", about: "Every staff and admin action: who did what, when and why." },
    { to: "/admin/success", title: "Success dashboard", about: "How customers judged the ideas that shipped against their own measures." },
    { to: "/admin/tags", title: "Tags", about: "The labels members can put on their threads." },
    { to: "/admin/accounts", title: "Customer accounts", about: "The companies your members work for: plan, segment, revenue, people." },
    { to: "/admin/demand", title: "Demand per customer", about: "Ideas by the customers and revenue behind them." },
    ...(isAdmin ? [{ to: "/admin", title: "Admin", about: "Products, users, site settings and webhooks." }] : []),
  ];
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">Staff</h1>
      <p className="lede">The tools for running the community day to day.</p>
      <ul className="product-grid admin-sections">
        {tools.map((tool) => (
          <li key={tool.to} className="product-card">
            <h2>
              <Link to={tool.to}>{tool.title}</Link>
              {tool.note ? <span className={flagsWaiting > 0 ? "badge badge-waiting" : "badge badge-kind"}> {tool.note}</span> : null}
            </h2>
            <p>{tool.about}</p>
          </li>
        ))}
      </ul>
      <h2>Exports</h2>
      <p>
        <a href="/staff/ideas.csv" download>
          Every idea as a spreadsheet (CSV)
        </a>{" "}
        — votes, customer accounts among the voters, status, target release, success measures and verdicts.
      </p>
    </section>
  );
}
