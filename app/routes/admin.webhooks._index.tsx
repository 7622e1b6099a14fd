import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { WebhookEvent } from "~db/schema";
import { requireAdmin } from "~/auth/session.server";
import { TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { createWebhook, deleteWebhook, listWebhooks } from "~/models/webhook.server";
import { keepFormOnRefusal } from "~/utils/form-response.server";
import { invariantResponse, parseId } from "~/utils/http";
import { parseForm, webhookSchema } from "~/utils/validation";
import { webhookEvents } from "~/utils/webhook-events";
import { pageTitle } from "~/utils/meta";
import { useSite } from "~/utils/use-site";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Webhooks — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  return { webhooks: await listWebhooks(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "delete") {
    await deleteWebhook(user, parseId(form.get("id"), "webhook id"));
    return redirect("/admin/webhooks");
  }
  invariantResponse(intent === "create", "That action is not something this page can do.", { status: 400 });
  const parsed = parseForm(webhookSchema, form);
  const chosen = form.getAll("events").map(String);
  const events = webhookEvents.map((e) => e.value).filter((e) => chosen.includes(e)) as WebhookEvent[];
  if (!parsed.ok || events.length === 0) {
    const errors: Partial<Record<"url" | "events", string>> = {
      ...(parsed.ok ? {} : { url: parsed.errors.url }),
      ...(events.length === 0 ? { events: "Choose at least one event." } : {}),
    };
    return data({ errors, values: { url: String(form.get("url") ?? ""), events: chosen } }, { status: 400 });
  }
  const created = await keepFormOnRefusal("url", form, () => createWebhook(user, { url: parsed.data.url, events }));
  if (!created.ok) {
    const errors: Partial<Record<"url" | "events", string>> = { url: created.message };
    return data({ errors, values: { url: String(form.get("url") ?? ""), events: chosen } }, { status: 400 });
  }
  return redirect(`/admin/webhooks/${created.written}`);
}

export default function Webhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { siteName } = useSite();
  return (
    <section aria-labelledby="webhooks-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="webhooks-title">Webhooks</h1>
      <p className="lede">
        {siteName} POSTs JSON to these URLs when public events happen, signed with HMAC-SHA256 so your receiver can check
        it came from us (see docs/api.md in the project).
      </p>
      {webhooks.length === 0 ? (
        <p className="empty">No webhooks yet.</p>
      ) : (
        <ul className="profile-list">
          {webhooks.map((hook) => (
            <li key={hook.id}>
              <Link to={`/admin/webhooks/${hook.id}`}>{hook.url}</Link>{" "}
              <span className="muted small">
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
        <TextField label="Payload URL" name="url" type="url" required defaultValue={result?.values.url} error={result?.errors.url} />
        <fieldset className="field" aria-describedby={result?.errors.events ? "events-error" : undefined}>
          <legend>Events</legend>
          {webhookEvents.map((event) => (
            <label key={event.value} className="choice">
              <input type="checkbox" name="events" value={event.value} defaultChecked={result ? result.values.events.includes(event.value) : true} />{" "}
              {event.label} <code>{event.value}</code>
            </label>
          ))}
          {result?.errors.events ? (
            <p className="field-error" id="events-error" role="alert">
              {result.errors.events}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton intent="create" pendingText="Adding…" className="button button-primary">
          Add webhook
        </SubmitButton>
      </Form>
    </section>
  );
}
