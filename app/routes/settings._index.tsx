import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { endAllSessions, readSessionId, requireUser } from "~/auth/session.server";
import { TextAreaField, TextField } from "~/components/Field";
import { RevokeTokensChoice } from "~/components/RevokeTokensChoice";
import { CompanySignIn } from "~/components/CompanySignIn";
import { ssoOffer } from "~/auth/oidc.server";
import { ownIdentityLinks } from "~/models/identity-link.server";
import { SubmitButton } from "~/components/SubmitButton";
import { revokeAllApiTokens } from "~/models/api-token.server";
import { changePassword, getAccount, updateProfile } from "~/models/user.server";
import { form, handleIntents, limitRate } from "~/http/form-action.server";
import { feedbackFor } from "~/utils/form-feedback";
import { BIO_MAX, DISPLAY_NAME_MAX } from "~/utils/form-limits";
import { invariantResponse } from "~/utils/http";
import { passRetryAfter } from "~/http/rate-limit.server";
import { passwordChangeSchema, profileSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Settings") }];

export const headers = passRetryAfter;

const savedMessages = {
  profile: "Saved. Your profile shows the changes.",
  password: "Password changed. Every other browser signed in to your account has been signed out.",
  "password-and-tokens":
    "Password changed. Every other browser signed in to your account has been signed out, and your API tokens no longer work.",
} as const;
const isSaved = (value: string | null): value is keyof typeof savedMessages => value !== null && Object.hasOwn(savedMessages, value);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    account: await getAccount(user.id),
    username: user.username,
    saved: isSaved(saved) ? savedMessages[saved] : null,
    sso: ssoOffer(),
    ssoLinks: await ownIdentityLinks(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleIntents(request, {
    profile: form(profileSchema, async (profile) => {
      await updateProfile(user, profile);
      return redirect("/settings?saved=profile");
    }),
    password: form(passwordChangeSchema, async (change) => {
      await limitRate(
        "passwordChange",
        user.id,
        "currentPassword",
        (wait) => `Too many tries to change your password. Please try again ${wait.when}.`,
      );
      const sessionId = readSessionId(request);
      invariantResponse(sessionId, "Sign in again to change your password.", { status: 401 });
      await changePassword(user, change, sessionId);
      return redirect(`/settings?saved=${change.revokeTokens ? "password-and-tokens" : "password"}`);
    }),
    "sign-out-everywhere": async (formData) => {
      const revokeTokens = formData.get("revokeTokens") === "on";
      if (revokeTokens) await revokeAllApiTokens(user);
      return endAllSessions(user.id, { tokensRevoked: revokeTokens });
    },
  });
}

export default function Settings() {
  const { account, username, saved, sso, ssoLinks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const profile = feedbackFor(actionData, "profile");
  const password = feedbackFor(actionData, "password");
  // Passwords never come back from the server; with JavaScript, empty what the browser kept too.
  const passwordForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.intent === "password") passwordForm.current?.reset();
  }, [actionData]);
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      {saved && !actionData ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}

      <section className="form-page" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <p className="muted">
          Shown on <Link to={`/users/${username}`}>your public profile</Link> and next to what you post. Your email stays private.
        </p>
        <Form method="post" noValidate>
          <TextField
            label="Display name"
            name="displayName"
            autoComplete="name"
            maxLength={DISPLAY_NAME_MAX}
            defaultValue={account.displayName}
            feedback={profile}
            hint={`Optional, up to ${DISPLAY_NAME_MAX} characters. Without one, people see @${username}.`}
          />
          <TextAreaField
            label="Bio"
            name="bio"
            rows={4}
            maxLength={BIO_MAX}
            defaultValue={account.bio}
            feedback={profile}
            hint={`Plain text, up to ${BIO_MAX} characters.`}
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={account.pendingEmail ?? account.email}
            feedback={profile}
            hint={
              account.pendingEmail
                ? `Waiting for you to open the link we sent to ${account.pendingEmail}; until then emails still go to ${account.email}.`
                : "A new address takes effect once you open the link we send to it."
            }
          />
          <SubmitButton intent="profile" pendingText="Saving…" className="button button-primary">
            Save profile
          </SubmitButton>
        </Form>
      </section>

      <section className="form-page" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        {account.hasPassword ? (
          <>
            <p className="muted">Changing it signs you out in every other browser; this one stays signed in.</p>
            <Form method="post" noValidate ref={passwordForm}>
              <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
              <TextField
                label="Current password"
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                required
                feedback={password}
              />
              <TextField
                label="New password"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                required
                feedback={password}
                hint="At least 8 characters."
              />
              <RevokeTokensChoice />
              <SubmitButton intent="password" pendingText="Changing…" className="button button-primary">
                Change password
              </SubmitButton>
            </Form>
          </>
        ) : (
          <p>
            Your account has no password: you sign in with {sso?.name ?? "your company account"}. To have a password too, use{" "}
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
        )}
      </section>

      <section className="form-page" aria-labelledby="more-title">
        <h2 id="more-title">Email and API</h2>
        <ul className="settings-links">
          <li>
            <Link to="/settings/email">Choose which emails you get, and when</Link>
          </li>
          <li>
            <Link to="/settings/tokens">Personal API tokens</Link> for scripts that read or post as you
          </li>
          <li>
            <Link to="/settings/sessions">Where you are signed in</Link>: your browsers, each with “sign out”
          </li>
          <li>
            <Link to="/settings/privacy">Your data</Link>: download everything, or delete your account
          </li>
        </ul>
      </section>

      {sso ? <CompanySignIn name={sso.name} links={ssoLinks} /> : null}

      <section className="form-page" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sign out everywhere</h2>
        <p className="muted">
          Ends every session of your account, on every device, this one too. Use it if you signed in on a computer that isn&apos;t yours.
        </p>
        <Form method="post">
          <RevokeTokensChoice />
          <SubmitButton intent="sign-out-everywhere" pendingText="Signing out…" className="button">
            Sign out everywhere
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
