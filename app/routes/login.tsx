import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getUser, startSession } from "~/auth/session.server";
import { authHref, safeRedirect } from "~/utils/return-path";
import { checkSignIn } from "~/auth/sign-in.server";
import { ssoOffer } from "~/auth/oidc.server";
import { SsoButton } from "~/components/SsoButton";
import { passRetryAfter } from "~/http/rate-limit.server";
import { refuseSuspendedSignIn } from "~/models/suspension.server";
import { handleForm } from "~/http/form-action.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { loginSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in") }];

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return { sso: ssoOffer() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(request, loginSchema, async ({ login, password }, formData) => {
    const userId = await checkSignIn(context.clientIp, login, password);
    await refuseSuspendedSignIn(userId);
    return startSession(request, userId, formData.get("redirectTo"));
  });
}

export default function Login() {
  const { sso } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirect(searchParams.get("redirectTo"));
  // With OIDC_ONLY the password form is the admins' way back in, behind a link of its own.
  const passwordForm = !sso?.only || searchParams.has("password") || actionData !== undefined;

  return (
    <section className="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {searchParams.get("signedOut")?.startsWith("everywhere") ? (
        <p className="notice" role="status">
          You are signed out on every device
          {searchParams.get("signedOut") === "everywhere-and-tokens" ? ", and your API tokens no longer work." : "."}
        </p>
      ) : null}
      {redirectTo !== "/" ? <p className="muted">Sign in to continue where you left off.</p> : null}
      {sso ? <SsoButton name={sso.name} redirectTo={redirectTo} primary={sso.only} /> : null}
      {passwordForm ? (
        <>
          <FormError message={actionData?.errors.form} />
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextField label="Email or username" name="login" autoComplete="username" required feedback={actionData} />
            <TextField label="Password" name="password" type="password" autoComplete="current-password" required feedback={actionData} />
            <SubmitButton pendingText="Signing in…" className="button button-primary button-wide">
              Sign in
            </SubmitButton>
          </Form>
          <p>
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          {sso?.only ? null : (
            <p>
              New here? <Link to={authHref("signup", redirectTo)}>Create an account</Link>
            </p>
          )}
        </>
      ) : (
        <p className="muted small">
          <Link to={`/login?${new URLSearchParams({ ...(redirectTo !== "/" ? { redirectTo } : {}), password: "1" })}`}>
            Administrator? Sign in with a password
          </Link>
        </p>
      )}
    </section>
  );
}
