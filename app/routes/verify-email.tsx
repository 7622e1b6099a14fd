import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { safeRedirect } from "~/utils/return-path";
import { getUser, requireUser, startSession } from "~/auth/session.server";
import { form, handleIntents, limitRate } from "~/http/form-action.server";
import { passRetryAfter } from "~/http/rate-limit.server";
import { tokenRefusal } from "~/http/token-page.server";
import { resendVerification, verificationState, verifyEmail } from "~/models/sign-up.server";
import { checkToken } from "~/models/user-token.server";
import { FormError } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { feedbackFor } from "~/utils/form-feedback";
import { verifyEmailSchema, emptySchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Confirm your email address") }];

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const token = params.get("token");
  const user = await getUser(request);
  const state = user ? await verificationState(user.id) : null;
  const waiting = state ? (state.pendingEmail ?? (state.verifiedAt === null ? state.email : null)) : null;
  const problem = token === null ? null : await tokenRefusal(() => checkToken("verify_email", token));
  return data(
    {
      token,
      problem,
      waiting,
      sent: params.has("sent"),
      resent: params.has("resent"),
      verified: params.has("verified"),
      redirectTo: params.has("redirectTo") ? safeRedirect(params.get("redirectTo")) : null,
    },
    { status: problem ? 400 : 200 },
  );
}

const tooMany = (wait: { when: string }) => `We sent several links already. Please try again ${wait.when}.`;

export async function action({ request, context }: ActionFunctionArgs) {
  return handleIntents(request, {
    verify: form(verifyEmailSchema, async ({ token, redirectTo }) => {
      const userId = await verifyEmail(token);
      const back = safeRedirect(redirectTo);
      const current = await getUser(request);
      // A link opened where someone else is signed in verifies the address but does not switch accounts.
      if (current && current.id !== userId) return redirect("/verify-email?verified=1");
      // Back where they signed up from (a thread), or home with the welcome.
      const next = back === "/" ? "/?verified=1" : back;
      return current ? redirect(next) : startSession(request, userId, next);
    }),
    resend: form(emptySchema, async () => {
      const user = await requireUser(request);
      await limitRate("accountEmailIp", context.clientIp, "form", tooMany);
      await limitRate("accountEmailAddress", `user:${user.id}`, "form", tooMany);
      await resendVerification(user);
      return redirect("/verify-email?resent=1");
    }),
  });
}

export default function VerifyEmail() {
  const { token, problem, waiting, sent, resent, verified, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const verifyFeedback = feedbackFor(actionData, "verify");
  const resendFeedback = feedbackFor(actionData, "resend");
  const refusal = problem ?? verifyFeedback?.errors.token;
  return (
    <section className="auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">{token && !refusal ? "Confirm your email address" : "Check your email"}</h1>
      {sent ? (
        <p className="notice" role="status">
          We sent a message to the address you gave. Open the link in it to confirm your address and sign in.
        </p>
      ) : null}
      {resent ? (
        <p className="notice" role="status">
          We sent a new link to {waiting ?? "your address"}.
        </p>
      ) : null}
      {verified ? (
        <p className="notice" role="status">
          That address is now verified.
        </p>
      ) : null}
      <FormError message={refusal} />
      {token && !refusal ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <SubmitButton intent="verify" pendingText="Confirming…" className="button button-primary button-wide">
            Confirm my email address
          </SubmitButton>
        </Form>
      ) : null}
      {waiting ? (
        <>
          <p>
            Your address <strong>{waiting}</strong> is not verified yet. Until it is, you can read but not post or vote.
          </p>
          <FormError message={resendFeedback?.errors.form} />
          <Form method="post">
            <SubmitButton intent="resend" pendingText="Sending…" className="button">
              Send the link again
            </SubmitButton>
          </Form>
        </>
      ) : null}
      {!token && !waiting && !sent ? (
        <p>
          <Link to="/login">Sign in</Link> to ask for a new link.
        </p>
      ) : null}
    </section>
  );
}
