import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getUser, startSession } from "~/auth/session.server";
import { authHref, safeRedirect } from "~/utils/return-path";
import { createUser } from "~/models/user.server";
import { formError } from "~/utils/form-response.server";
import { consume, passRetryAfter, retryAfter } from "~/utils/rate-limit.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { formValues, parseForm, signupSchema } from "~/utils/validation";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Join the community") }];

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const wait = await consume("signup", context.clientIp);
  if (wait) {
    const message = `There have been several sign-ups from your network. Please try again ${wait.when}.`;
    return formError("form", message, form, { status: 429, headers: retryAfter(wait) });
  }
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createUser(parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return startSession(request, result.userId, form.get("redirectTo"));
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const values: Partial<Record<string, string>> = actionData?.values ?? {};
  const redirectTo = safeRedirect(searchParams.get("redirectTo"));
  return (
    <section className="auth-card" aria-labelledby="signup-title">
      <h1 id="signup-title">Join the community</h1>
      <p className="muted">Ask questions, vote for ideas and help shape what gets built.</p>
      <FormError message={errors.form} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          required
          defaultValue={values.username}
          error={errors.username}
          hint="3–30 characters: lowercase letters, digits, dashes or underscores."
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={values.email}
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
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
