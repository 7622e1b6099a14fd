import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { ssoOffer } from "~/auth/oidc.server";
import { SsoButton } from "~/components/SsoButton";
import { Forbidden } from "~/models/errors.server";
import { authHref, safeRedirect } from "~/utils/return-path";
import { signUp } from "~/models/sign-up.server";
import { handleForm, limitRate } from "~/http/form-action.server";
import { passRetryAfter } from "~/http/rate-limit.server";
import { FormError, TextField, UsernameField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { signupSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Join the community") }];

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return { sso: ssoOffer() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(
    request,
    signupSchema,
    async (account) => {
      // The page that sent them here comes back with the verification link, so the new member returns to it.
      await signUp(account, safeRedirect(new URL(request.url).searchParams.get("redirectTo") ?? account.redirectTo));
      // The same answer for a free address and a taken one: the email says which.
      return redirect("/verify-email?sent=1");
    },
    {
      // Every attempt counts, before the form is even read: a refusal (name taken, a malformed address …) tells something too.
      before: async () => {
        const sso = ssoOffer();
        if (sso?.only) throw new Forbidden("form", `On this forum you join by signing in with ${sso.name}.`);
        await limitRate(
          "signup",
          context.clientIp,
          "form",
          (wait) => `There have been several sign-ups from your network. Please try again ${wait.when}.`,
        );
      },
    },
  );
}

export default function Signup() {
  const { sso } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirect(searchParams.get("redirectTo"));
  if (sso?.only) {
    return (
      <section className="auth-card" aria-labelledby="signup-title">
        <h1 id="signup-title">Join the community</h1>
        <p>On this forum you join with your company account: signing in the first time creates your membership.</p>
        <SsoButton name={sso.name} redirectTo={redirectTo} primary />
      </section>
    );
  }
  return (
    <section className="auth-card" aria-labelledby="signup-title">
      <h1 id="signup-title">Join the community</h1>
      <p className="muted">Ask questions, vote for ideas and help shape what gets built.</p>
      {sso ? <SsoButton name={sso.name} redirectTo={redirectTo} primary={false} /> : null}
      <FormError message={actionData?.errors.form} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <UsernameField feedback={actionData} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required feedback={actionData} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          feedback={actionData}
          hint="At least 8 characters."
        />
        <SubmitButton pendingText="Creating your account…" className="button button-primary button-wide">
          Create account
        </SubmitButton>
      </Form>
      <p>
        Already a member? <Link to={authHref("login", redirectTo)}>Sign in</Link>
      </p>
    </section>
  );
}
