import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { FormError, UsernameField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { handleForm } from "~/http/form-action.server";
import { chooseUsername, usernameChoice } from "~/models/identity-link.server";
import { safeRedirect } from "~/utils/return-path";
import { usernameChoiceSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

/**
 * A member the company's sign-in just created lands here: the username we
 * made from what their provider calls them, which they may keep or change
 * during their first day.
 */

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your username") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return usernameChoice(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(request, usernameChoiceSchema, async ({ username, redirectTo }) => {
    await chooseUsername(user, username);
    return redirect(safeRedirect(redirectTo));
  });
}

export default function ChooseUsername() {
  const { username, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirect(searchParams.get("redirectTo"));
  return (
    <section className="auth-card" aria-labelledby="username-title">
      <h1 id="username-title">{searchParams.has("welcome") ? "Welcome! Choose your username" : "Your username"}</h1>
      {open ? (
        <>
          <p>
            We made your account from your company sign-in and named you <strong>@{username}</strong>. Keep it or choose another: it is
            shown next to everything you post, and you can change it here during your first day.
          </p>
          <FormError message={actionData?.errors.form} />
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <UsernameField defaultValue={username} feedback={actionData} />
            <SubmitButton pendingText="Saving…" className="button button-primary button-wide">
              Continue
            </SubmitButton>
          </Form>
        </>
      ) : (
        <p>
          You are <strong>@{username}</strong>. <Link to={redirectTo}>Continue</Link>
        </p>
      )}
    </section>
  );
}
