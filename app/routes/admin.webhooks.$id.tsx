import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { RelativeTime } from "~/components/RelativeTime";
import { listDeliveries, listWebhooks } from "~/models/webhook.server";
import { invariantResponse, parseId } from "~/utils/http";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Webhook deliveries — Admin") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const id = parseId(params.id, "webhook id");
  const log = await listDeliveries(user, id);
  const webhook = (await listWebhooks(user)).find((w) => w.id === id);
  invariantResponse(webhook, "We couldn't find that webhook.", { status: 404 });
  return { webhook, deliveries: log.deliveries };
}

export default function WebhookLog() {
  const { webhook, deliveries } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="log-title">
      <p className="breadcrumb">
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <h1 id="log-title">Deliveries to {webhook.url}</h1>
      <p>
        Signing secret: <code className="token">{webhook.secret}</code>
      </p>
      <p className="muted small">
        Events: {webhook.events.join(", ")} · Sends{" "}
        {webhook.format === "slack" ? "Slack-compatible messages" : "signed Cocreate JSON events"}
      </p>
      {deliveries.length === 0 ? (
        <p className="empty">Nothing has been sent yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    <RelativeTime ms={d.createdAt} />
                  </td>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>{d.status === "pending" && d.attempts > 0 ? "retrying" : d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ? `HTTP ${d.responseStatus}` : (d.lastError ?? "—")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
