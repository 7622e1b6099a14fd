import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { RelativeTime } from "~/components/RelativeTime";
import { listAudit, listAuditActions } from "~/models/audit.server";
import { pageTitle } from "~/utils/meta";
import { parseId } from "~/utils/http";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Audit log") }];

const targetTypes = ["thread", "post", "user", "product", "flag", "site", "webhook", "account"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const search = new URL(request.url).searchParams;
  const filter = {
    action: search.get("action") || null,
    actor: search.get("actor")?.trim() || null,
    targetType: search.get("target") || null,
    before: search.has("before") ? parseId(search.get("before"), "page link") : null,
  };
  const [page, actions] = await Promise.all([listAudit(user, filter), listAuditActions()]);
  return { ...page, actions, filter };
}

export default function AuditLog() {
  const { entries, nextBefore, actions, filter } = useLoaderData<typeof loader>();
  const next = new URLSearchParams();
  if (filter.action) next.set("action", filter.action);
  if (filter.actor) next.set("actor", filter.actor);
  if (filter.targetType) next.set("target", filter.targetType);
  if (nextBefore) next.set("before", String(nextBefore));
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <Form method="get" className="filter-form" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">By (username)</label>
          <input id="actor" name="actor" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="target">On</label>
          <select id="target" name="target" defaultValue={filter.targetType ?? ""}>
            <option value="">Anything</option>
            {targetTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="empty">No entries match.</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Reason and detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <RelativeTime ms={e.createdAt} />
                  </td>
                  <td>{e.actorUsername ?? "system"}</td>
                  <td>{e.action}</td>
                  <td>
                    {e.targetType === "thread" && e.targetId ? (
                      <Link to={`/threads/${e.targetId}`}>thread #{e.targetId}</Link>
                    ) : e.targetType === "account" && e.targetId ? (
                      <Link to={`/admin/accounts/${e.targetId}`}>account #{e.targetId}</Link>
                    ) : e.targetType === "post" && e.targetId && e.postThreadId ? (
                      <Link to={`/threads/${e.postThreadId}#post-${e.targetId}`}>
                        reply #{e.targetId} in thread #{e.postThreadId}
                      </Link>
                    ) : (
                      `${e.targetType}${e.targetId ? ` #${e.targetId}` : ""}`
                    )}
                  </td>
                  <td>
                    {e.reason}
                    {e.reason && e.detail ? " · " : ""}
                    {e.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <nav className="pager" aria-label="Pages">
          <span />
          <Link rel="next" to={`/admin/audit?${next}`}>
            Older entries →
          </Link>
        </nav>
      ) : null}
    </section>
  );
}
