import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { lucia, readSessionId, requireUser } from "~/auth/session.server";
import { ssoOffer } from "~/auth/oidc.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { form, handleIntents } from "~/http/form-action.server";
import { deleteOwnAccount, deletionConfirmation } from "~/models/privacy.server";
import { feedbackFor } from "~/utils/form-feedback";
import { deleteAccountSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your data") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const confirmation = await deletionConfirmation(user, readSessionId(request));
  return { username: user.username, ...confirmation, sso: ssoOffer() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleIntents(request, {
    delete: form(deleteAccountSchema, async (input) => {
      await deleteOwnAccount(user, input, readSessionId(request));
      return redirect("/?accountDeleted=1", { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
    }),
  });
}

export default function Privacy() {
  const { username, hasPassword, freshSso, sso } = useLoaderData<typeof loader>();
  const feedback = feedbackFor(useActionData<typeof action>(), "delete");
  return (
    <section className="form-page" aria-labelledby="privacy-title">
      <p className="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <h1 id="privacy-title">Your data</h1>
      <h2>Download everything</h2>
      <p>
        One JSON file with your profile, threads, replies, votes, measures of success and verdicts, notifications, where you are signed in
        and your email choices.
      </p>
      <p>
        <a href="/settings/privacy/export" download className="button">
          Download my data
        </a>
      </p>
      <h2>Delete your account</h2>
      <p>
        Your email, name, bio, sessions, tokens and preferences are removed. What you posted stays, shown as written by “a former member”.
        This cannot be undone.
      </p>
      {freshSso ? (
        <p className="notice" role="status">
          You signed in with {sso?.name ?? "your company account"} a moment ago: that confirms it is you.
        </p>
      ) : !hasPassword && sso ? (
        <p>
          Your account has no password: to confirm it is you,{" "}
          <a href={`/login/sso?${new URLSearchParams({ redirectTo: "/settings/privacy" })}`}>sign in with {sso.name} again</a>, then delete
          within five minutes.
        </p>
      ) : null}
      <FormError message={feedback?.errors.form} />
      <Form method="post" noValidate>
        {freshSso || !hasPassword ? (
          <FormError message={feedback?.errors.password} />
        ) : (
          <TextField label="Your password" name="password" type="password" autoComplete="current-password" required feedback={feedback} />
        )}
        <TextField label={`Type your username (${username}) to confirm`} name="confirm" autoComplete="off" required feedback={feedback} />
        <SubmitButton intent="delete" pendingText="Deleting…" className="button button-primary">
          Delete my account
        </SubmitButton>
      </Form>
    </section>
  );
}
