import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { TextAreaField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { getSiteSettings, updateSiteSettings } from "~/models/site-settings.server";
import { SITE_DESCRIPTION_MAX, SITE_NAME_MAX } from "~/utils/site-settings";
import { handleForm } from "~/http/form-action.server";
import { siteSettingsSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Site settings — Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const saved = new URL(request.url).searchParams.has("saved");
  return { settings: await getSiteSettings(), saved };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  return handleForm(request, siteSettingsSchema, async (settings) => {
    await updateSiteSettings(admin, settings);
    return redirect("/admin/settings?saved=1");
  });
}

export default function SiteSettings() {
  const { settings, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="form-page" aria-labelledby="site-title">
      <p className="breadcrumb">
        <Link to="/admin">← Admin</Link>
      </p>
      <h1 id="site-title">Site settings</h1>
      {saved && !actionData ? (
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
        <SubmitButton pendingText="Saving…" className="button button-primary">
          Save settings
        </SubmitButton>
      </Form>
    </section>
  );
}
