import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { startSession } from "~/auth/session.server";
import { handleForm } from "~/http/form-action.server";
import { tokenRefusal } from "~/http/token-page.server";
import { resetPassword } from "~/models/password-reset.server";
import { checkToken } from "~/models/user-token.server";
import { FormError, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { resetPasswordSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Choose a new password") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const problem = await tokenRefusal(() => checkToken("reset_password", token));
  return data({ token, problem }, { status: problem ? 400 : 200 });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(request, resetPasswordSchema, async ({ token, password }) => {
    const userId = await resetPassword(token, password);
    return startSession(request, userId, "/?passwordReset=1");
  });
}

export default function ResetPassword() {
  const { token, problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refusal = problem ?? actionData?.errors.token;
  return (
    <section className="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {refusal ? (
        <>
          <FormError message={refusal} />
          <p>
            <Link to="/forgot-password">Ask for a new reset link</Link>
          </p>
        </>
      ) : (
        <>
          <FormError message={actionData?.errors.form} />
          <Form method="post" noValidate>
            <input type="hidden" name="token" value={token} />
            <TextField
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              feedback={actionData}
              hint="At least 8 characters. You will be signed out on every other device."
            />
            <SubmitButton pendingText="Saving…" className="button button-primary button-wide">
              Set new password
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
