import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/SubmitButton";
import { unsubscribe } from "~/email/preferences.server";
import { emailKindLabels } from "~/utils/email-kinds";
import { verifyUnsubscribeToken } from "~/email/unsubscribe-token.server";
import { invariantResponse } from "~/utils/http";
import { pageTitle } from "~/utils/meta";
import { getSiteSettings } from "~/models/site-settings.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Unsubscribe") }, { name: "robots", content: "noindex" }];

async function verified(request: Request, token?: FormDataEntryValue | null) {
  const value = typeof token === "string" ? token : new URL(request.url).searchParams.get("token");
  const parsed = await verifyUnsubscribeToken(value);
  invariantResponse(
    parsed,
    "This unsubscribe link is not valid. Copy the whole link from the email, or choose your emails in your settings.",
    { status: 400 },
  );
  return { token: value as string, ...parsed };
}

const describe = (scope: string, siteName: string) =>
  scope === "all" ? `all emails from ${siteName}` : `emails about: ${emailKindLabels[scope as keyof typeof emailKindLabels].toLowerCase()}`;

/** Showing the page changes nothing: mail scanners open links, and only a person (or a mail client's one-click POST) unsubscribes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { token, scope } = await verified(request);
  const done = new URL(request.url).searchParams.has("done");
  return { token, what: describe(scope, (await getSiteSettings()).siteName), done };
}

/** Also answers RFC 8058 one-click requests from mail clients (List-Unsubscribe-Post), which carry the token in the URL. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { token, userId, scope } = await verified(request, form.get("token"));
  await unsubscribe(userId, scope);
  return redirect(`/unsubscribe?${new URLSearchParams({ token, done: "1" })}`);
}

export default function Unsubscribe() {
  const { token, what, done } = useLoaderData<typeof loader>();
  return (
    <section className="form-page" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{done ? "You are unsubscribed" : "Unsubscribe"}</h1>
      {done ? (
        <p role="status">
          You will no longer get {what}. Notifications still appear on the site. You can change this any time in your{" "}
          <Link to="/settings/email">email settings</Link>.
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>Stop {what}? You don't need to sign in.</p>
          <SubmitButton pendingText="Unsubscribing…" className="button button-primary">
            Unsubscribe
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
