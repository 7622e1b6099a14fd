import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { lucia, readSessionId, requireUser } from "~/auth/session.server";
import { RelativeTime } from "~/components/RelativeTime";
import { SubmitButton } from "~/components/SubmitButton";
import { form, handleIntents } from "~/http/form-action.server";
import { endOwnSession, listSessions } from "~/models/session-list.server";
import { sessionSignOutSchema } from "~/utils/validation.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Where you are signed in") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const signedOut = new URL(request.url).searchParams.has("signedOut");
  return { sessions: await listSessions(user, readSessionId(request)), signedOut };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleIntents(request, {
    "sign-out": form(sessionSignOutSchema, async ({ session }) => {
      const { current } = await endOwnSession(user, session, readSessionId(request));
      if (current) return redirect("/login", { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
      return redirect("/settings/sessions?signedOut=1");
    }),
  });
}

export default function Sessions() {
  const { sessions, signedOut } = useLoaderData<typeof loader>();
  return (
    <section className="form-page" aria-labelledby="sessions-title">
      <p className="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <h1 id="sessions-title">Where you are signed in</h1>
      <p className="lede">Every browser signed in to your account. Sign out any you don&apos;t recognise, then change your password.</p>
      {signedOut ? (
        <p className="notice" role="status">
          That browser is signed out.
        </p>
      ) : null}
      <ul className="token-list">
        {sessions.map((s) => (
          <li key={s.handle}>
            <strong>{s.browser}</strong>
            {s.current ? <span className="badge"> this browser</span> : null}{" "}
            <span className="muted small">
              signed in <RelativeTime ms={s.createdAt} />, last seen <RelativeTime ms={s.lastSeenAt} />
            </span>
            <Form method="post">
              <input type="hidden" name="session" value={s.handle} />
              <SubmitButton intent="sign-out" pendingText="Signing out…" className="button button-small">
                Sign out<span className="visually-hidden"> {s.browser}</span>
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
