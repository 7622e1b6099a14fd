import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FieldError } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { handleForm } from "~/http/form-action.server";
import { getEmailPreferences, setEmailPreferences } from "~/email/preferences.server";
import { deliveries, emailKindLabels, emailKinds } from "~/utils/email-kinds";
import { emailPreferencesSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Email settings") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const saved = new URL(request.url).searchParams.has("saved");
  return { preferences: await getEmailPreferences(user.id), saved };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(request, emailPreferencesSchema, async (preferences) => {
    await setEmailPreferences(user, preferences);
    return redirect("/settings/email?saved=1");
  });
}

const deliveryLabels = { immediate: "Right away", daily: "Daily digest", off: "Off" } as const;

export default function EmailSettings() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
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
          <fieldset key={kind} className="preference" aria-describedby={feedback?.errors[kind] ? `${kind}-error` : undefined}>
            <legend>{emailKindLabels[kind]}</legend>
            {deliveries.map((delivery) => (
              <label key={delivery} className="choice">
                <input
                  type="radio"
                  name={kind}
                  value={delivery}
                  defaultChecked={(feedback?.values[kind] ?? preferences[kind]) === delivery}
                />{" "}
                {deliveryLabels[delivery]}
              </label>
            ))}
            <FieldError name={kind} message={feedback?.errors[kind]} />
          </fieldset>
        ))}
        <SubmitButton pendingText="Saving…" className="button button-primary">
          Save email settings
        </SubmitButton>
      </Form>
    </section>
  );
}
