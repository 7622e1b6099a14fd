import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { SubmitButton } from "~/components/SubmitButton";
import { getEmailPreferences, setEmailPreferences } from "~/email/preferences.server";
import { deliveries, emailKindLabels, emailKinds } from "~/utils/email-kinds";
import { emailPreferencesSchema, parseForm } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Email settings") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const saved = new URL(request.url).searchParams.has("saved");
  return { preferences: await getEmailPreferences(user.id), saved };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(emailPreferencesSchema, await request.formData());
  if (!parsed.ok) throw new Response("Choose one of the listed options for every kind of email.", { status: 400 });
  await setEmailPreferences(user, parsed.data);
  return redirect("/settings/email?saved=1");
}

const deliveryLabels = { immediate: "Right away", daily: "Daily digest", off: "Off" } as const;

export default function EmailSettings() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  return (
    <section className="form-page" aria-labelledby="email-title">
      <p className="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <h1 id="email-title">Email notifications</h1>
      <p className="lede">Everything still appears on your notifications page. Choose what also comes by email, and when.</p>
      {saved ? (
        <p className="notice" role="status">
          Saved. Your email choices apply from now on.
        </p>
      ) : null}
      <Form method="post" className="preferences-form">
        {emailKinds.map((kind) => (
          <fieldset key={kind} className="preference">
            <legend>{emailKindLabels[kind]}</legend>
            {deliveries.map((delivery) => (
              <label key={delivery} className="choice">
                <input type="radio" name={kind} value={delivery} defaultChecked={preferences[kind] === delivery} />{" "}
                {deliveryLabels[delivery]}
              </label>
            ))}
          </fieldset>
        ))}
        <SubmitButton pendingText="Saving…" className="button button-primary">
          Save email settings
        </SubmitButton>
      </Form>
    </section>
  );
}
