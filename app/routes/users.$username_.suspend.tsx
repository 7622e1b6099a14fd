import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { TextAreaField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { getSuspendTarget, liftSuspension, suspendUser } from "~/models/suspension.server";
import { form, handleIntents } from "~/http/form-action.server";
import { suspendSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Suspend a member") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const target = await getSuspendTarget(user, params.username ?? "");
  const now = Date.now();
  const suspended = target.suspendedUntil !== null && target.suspendedUntil > now;
  // The earliest end date the form offers, decided here: a page renders the same wherever it runs.
  const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
  return { target, suspended, tomorrow };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const target = await getSuspendTarget(user, params.username ?? "");
  const done = () => redirect(`/users/${target.username}`);
  return handleIntents(request, {
    suspend: form(suspendSchema, async (suspension) => {
      await suspendUser(user, target.id, suspension);
      return done();
    }),
    lift: async () => {
      await liftSuspension(user, target.id);
      return done();
    },
  });
}

export default function SuspendMember() {
  const { target, suspended, tomorrow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = target.displayName || target.username;
  return (
    <section className="form-page" aria-labelledby="suspend-title">
      <p className="breadcrumb">
        <Link to={`/users/${target.username}`}>← {name}</Link>
      </p>
      <h1 id="suspend-title">{suspended ? `${name} is suspended` : `Suspend ${name}`}</h1>
      {suspended ? (
        <Form method="post">
          <p>
            Until {new Date(target.suspendedUntil ?? 0).toUTCString()}. Reason given: “{target.suspendedReason}”.
          </p>
          <SubmitButton intent="lift" pendingText="Lifting…" className="button button-primary">
            Lift the suspension
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <p className="muted">
            They are signed out everywhere at once, and can't sign in or post until the date. They see the reason when they try to sign in.
          </p>
          <TextField label="Suspended until (end of the day, UTC)" name="until" type="date" min={tomorrow} required feedback={actionData} />
          <TextAreaField label="Reason (the member reads this)" name="reason" required maxLength={500} feedback={actionData} />
          <SubmitButton intent="suspend" pendingText="Suspending…" className="button button-primary">
            Suspend
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
