import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { handleForm, limitRate } from "~/http/form-action.server";
import { passRetryAfter } from "~/http/rate-limit.server";
import { requestPasswordReset } from "~/models/password-reset.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { forgotPasswordSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Forgot your password?") }];

export const headers = passRetryAfter;

const tooMany = (wait: { when: string }) => `Several reset links were asked for already. Please try again ${wait.when}.`;

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(
    request,
    forgotPasswordSchema,
    async ({ email }) => {
      await limitRate("accountEmailAddress", email, "email", tooMany);
      await requestPasswordReset(email);
      // The same answer whether or not the address has an account.
      return redirect("/forgot-password?sent=1");
    },
    { before: () => limitRate("accountEmailIp", context.clientIp, "email", tooMany) },
  );
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <section className="auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {searchParams.get("sent") ? (
        <p className="notice" role="status">
          Check your email. If an account uses that address, we sent it a link to choose a new password. The link works for one hour.
        </p>
      ) : (
        <p className="muted">Enter the email address of your account and we will send you a link to choose a new password.</p>
      )}
      <FormError message={actionData?.errors.form} />
      <Form method="post" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required feedback={actionData} />
        <SubmitButton pendingText="Sending…" className="button button-primary button-wide">
          Send me a reset link
        </SubmitButton>
      </Form>
      <p>
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
