import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { clearFlowCookie, finishSsoSignIn, ssoProblemPage } from "~/auth/oidc.server";
import { getUser, startSession } from "~/auth/session.server";
import { refusalStatus } from "~/http/refusals.server";
import { DomainError } from "~/models/errors.server";
import { signInWithIdentity } from "~/models/identity-link.server";
import { refuseSuspendedSignIn } from "~/models/suspension.server";
import { SsoProblem } from "~/components/SsoProblem";
import { pageTitle } from "~/utils/meta";

/**
 * Where the provider sends the browser back: the answer is checked
 * (state, nonce, PKCE, ID token), the member found, linked or created, and
 * signed in. A member the provider just created first sees their username,
 * which they may change.
 */

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in") }];

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const { identity, redirectTo } = await finishSsoSignIn(request);
    const current = await getUser(request);
    const { userId, created } = await signInWithIdentity(identity, current?.id ?? null);
    await refuseSuspendedSignIn(userId);
    const next = created ? `/settings/username?${new URLSearchParams({ welcome: "1", redirectTo })}` : redirectTo;
    return await startSession(request, userId, next, { ssoSignedInAt: Date.now(), headers: { "Set-Cookie": await clearFlowCookie() } });
  } catch (error) {
    return ssoProblemPage(error, error instanceof DomainError ? { message: error.message, status: refusalStatus(error) } : null);
  }
}

export default function SsoCallback() {
  return <SsoProblem {...useLoaderData<typeof loader>()} />;
}
