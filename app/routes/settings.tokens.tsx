import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FieldError, TextField } from "~/components/Field";
import { RelativeTime } from "~/components/RelativeTime";
import { SubmitButton } from "~/components/SubmitButton";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import type { tokenLifetimes } from "~/utils/form-limits";
import { parseId } from "~/utils/http";
import { apiTokenSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "API tokens") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { tokens: await listApiTokens(user), now: Date.now() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleIntents(request, {
    revoke: async (formData) => {
      await revokeApiToken(user, parseId(formData.get("id"), "token id"));
      return { created: null };
    },
    // Shown once, in this response only: the database keeps just a hash.
    create: form(apiTokenSchema, async ({ name, expires }) => ({ created: await createApiToken(user, name, expires) })),
  });
}

const lifetimes: [(typeof tokenLifetimes)[number], string][] = [
  ["30", "30 days"],
  ["90", "90 days"],
  ["365", "A year"],
  ["never", "Until I revoke it"],
];

export default function ApiTokens() {
  const { tokens, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && "created" in result ? result.created : null;
  const feedback = feedbackFor(result, "create");
  return (
    <section className="form-page" aria-labelledby="tokens-title">
      <p className="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <h1 id="tokens-title">Personal API tokens</h1>
      <p className="lede">
        A token lets a script post replies and vote as you through the JSON API (see docs/api.md in the project). Keep it secret like a
        password; revoke it when you no longer need it.
      </p>
      {created ? (
        <div className="notice" role="status">
          <p>Your new token. Copy it now: it won't be shown again.</p>
          <p>
            <code className="token">{created}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <TextField label="Token name" name="name" maxLength={60} hint="What it's for, e.g. “Release notes bot”." feedback={feedback} />
        <div className="field">
          <label htmlFor="expires">Works for</label>
          <select
            id="expires"
            name="expires"
            defaultValue={feedback?.values.expires ?? "90"}
            aria-invalid={feedback?.errors.expires ? true : undefined}
            aria-describedby={feedback?.errors.expires ? "expires-error" : undefined}
          >
            {lifetimes.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError name="expires" message={feedback?.errors.expires} />
        </div>
        <SubmitButton intent="create" pendingText="Creating…" className="button button-primary">
          Create token
        </SubmitButton>
      </Form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ul className="token-list">
          {tokens.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> <code>{t.prefix}…</code>{" "}
              <span className="muted small">
                created <RelativeTime ms={t.createdAt} />
                {t.lastUsedAt ? (
                  <>
                    , last used <RelativeTime ms={t.lastUsedAt} />
                  </>
                ) : (
                  ", never used"
                )}
                {t.expiresAt === null ? (
                  ", never expires"
                ) : t.expiresAt > now ? (
                  <>
                    , expires <RelativeTime ms={t.expiresAt} />
                  </>
                ) : (
                  <>
                    , <strong>expired</strong> <RelativeTime ms={t.expiresAt} />
                  </>
                )}
              </span>
              <Form method="post">
                <input type="hidden" name="id" value={t.id} />
                <SubmitButton intent="revoke" pendingText="Revoking…" className="button button-small">
                  Revoke
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
