import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { TextAreaField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { getEmbedOrigins, getSiteSettings, MAX_EMBED_ORIGINS, updateEmbedOrigins, updateSiteSettings } from "~/models/site-settings.server";
import { SITE_DESCRIPTION_MAX, SITE_NAME_MAX } from "~/utils/site-settings";
import { form, handleIntents } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { embedOriginsSchema, siteSettingsSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Site settings — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const saved = new URL(request.url).searchParams.get("saved");
  const [settings, embedOrigins] = await Promise.all([getSiteSettings(), getEmbedOrigins()]);
  return { settings, embedOrigins, saved };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  return handleIntents(
    request,
    {
      site: form(siteSettingsSchema, async (settings) => {
        await updateSiteSettings(admin, settings);
        return redirect("/admin/settings?saved=1");
      }),
      embed: form(embedOriginsSchema, async ({ embedOrigins }) => {
        await updateEmbedOrigins(admin, embedOrigins);
        return redirect("/admin/settings?saved=embed#embed-title");
      }),
    },
    { withoutIntent: "site" },
  );
}

export default function SiteSettings() {
  const { settings, embedOrigins, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const actionData = feedbackFor(answer, "site");
  const embedFeedback = feedbackFor(answer, "embed");
  return (
    <section className="form-page" aria-labelledby="site-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="site-title">Site settings</h1>
      {saved === "1" && !answer ? (
        <p className="notice" role="status">
          Saved. Every page now shows the new name and description.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <TextField
          label="Site name"
          name="siteName"
          required
          maxLength={SITE_NAME_MAX}
          defaultValue={settings.siteName}
          feedback={actionData}
          hint="Shown in the header, in the footer and in the title of the home page."
        />
        <TextAreaField
          label="Description"
          name="siteDescription"
          rows={5}
          maxLength={SITE_DESCRIPTION_MAX}
          defaultValue={settings.siteDescription}
          feedback={actionData}
          hint={`Shown on the home page and to search engines. Plain text, up to ${SITE_DESCRIPTION_MAX} characters.`}
        />
        <SubmitButton intent="site" pendingText="Saving…" className="button button-primary">
          Save settings
        </SubmitButton>
      </Form>
      <h2 id="embed-title">Embeddable changelog</h2>
      <p>
        <code>/embed/changelog</code> is a small page of the latest shipped ideas and their co-designers, for an iframe in your product.
        Only the sites listed here may frame it.
      </p>
      {saved === "embed" && !answer ? (
        <p className="notice" role="status">
          Saved. The changelog may now be framed by {embedOrigins.length === 0 ? "no site" : embedOrigins.join(", ")}.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <TextAreaField
          label="Sites that may embed the changelog"
          name="embedOrigins"
          rows={3}
          defaultValue={embedOrigins.join("\n")}
          feedback={embedFeedback}
          hint={`One origin per line, like https://app.example.com (at most ${MAX_EMBED_ORIGINS}). Empty: no site may frame it.`}
        />
        <SubmitButton intent="embed" pendingText="Saving…" className="button">
          Save embedding
        </SubmitButton>
      </Form>
    </section>
  );
}
