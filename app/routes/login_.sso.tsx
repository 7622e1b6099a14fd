import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ssoProblemPage, startSsoSignIn } from "~/auth/oidc.server";
import { SsoProblem } from "~/components/SsoProblem";
import { pageTitle } from "~/utils/meta";

/**
 * "Sign in with <name>": sends the browser to the company's provider. A link,
 * so it works without JavaScript; `redirectTo` is where the member returns.
 */

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in") }];

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    return await startSsoSignIn(new URL(request.url).searchParams.get("redirectTo"));
  } catch (error) {
    return ssoProblemPage(error, null);
  }
}

export default function SsoStart() {
  return <SsoProblem {...useLoaderData<typeof loader>()} />;
}
