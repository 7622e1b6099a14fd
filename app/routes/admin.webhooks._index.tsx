import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { FieldError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { createWebhook, deleteWebhook, listWebhooks } from "~/models/webhook.server";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { parseId } from "~/utils/http";
import { webhookSchema } from "~/utils/validation.server";
import { webhookEvents, webhookFormats } from "~/utils/webhook-events";
import { pageTitle } from "~/utils/meta";
import { useSite } from "~/root";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Webhooks — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  return { webhooks: await listWebhooks(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  return handleIntents(request, {
    create: form(webhookSchema, async (webhook) => redirect(`/admin/webhooks/${await createWebhook(user, webhook)}`)),
    delete: async (formData) => {
      await deleteWebhook(user, parseId(formData.get("id"), "webhook id"));
      return redirect("/admin/webhooks");
    },
  });
}

export default function Webhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "create");
  const eventsError = feedback?.errors.events;
  const { siteName } = useSite();
  return (
    <section aria-labelledby="webhooks-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="lede">
        {siteName} POSTs JSON to these URLs when public events happen, signed with HMAC-SHA256 so your receiver can check it came from us
        (see docs/api.md in the project), or a Slack-compatible message to a Slack (or Mattermost, Discord …) incoming webhook.
      </p>
      {webhooks.length === 0 ? (
        <p className="empty">No webhooks yet.</p>
      ) : (
        <ul className="profile-list">
          {webhooks.map((hook) => (
            <li key={hook.id}>
              <Link to={`/admin/webhooks/${hook.id}`}>{hook.url}</Link>{" "}
              <span className="muted small">
                {hook.format === "slack" ? "Slack · " : ""}
                {hook.events.join(", ")}
                {hook.failed > 0 ? ` · ${hook.failed} failed deliveries` : ""}
              </span>
              <Form method="post" className="inline-actions">
                <input type="hidden" name="id" value={hook.id} />
                <SubmitButton intent="delete" pendingText="Deleting…" className="button button-small">
                  Delete
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form-page" noValidate>
        <h2>Add a webhook</h2>
        <TextField label="Payload URL" name="url" type="url" required feedback={feedback} />
        <fieldset className="field">
          <legend>Sends</legend>
          {webhookFormats.map((format) => (
            <label key={format.value} className="choice">
              <input
                type="radio"
                name="format"
                value={format.value}
                defaultChecked={(feedback?.values.format ?? "cocreate") === format.value}
              />{" "}
              {format.label}
            </label>
          ))}
          <FieldError name="format" message={feedback?.errors.format} />
        </fieldset>
        <fieldset className="field" aria-describedby={eventsError ? "events-error" : undefined}>
          <legend>Events</legend>
          {webhookEvents.map((event) => (
            <label key={event.value} className="choice">
              <input
                type="checkbox"
                name="events"
                value={event.value}
                defaultChecked={feedback ? (feedback.values.events ?? "").split(",").includes(event.value) : true}
              />{" "}
              {event.label} <code>{event.value}</code>
            </label>
          ))}
          <FieldError name="events" message={eventsError} />
        </fieldset>
        <SubmitButton intent="create" pendingText="Adding…" className="button button-primary">
          Add webhook
        </SubmitButton>
      </Form>
    </section>
  );
}
