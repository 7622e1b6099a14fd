import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request);
}

/** Signing out changes state, so it is a POST; a plain visit just goes home. */
export async function loader() {
  return redirect("/");
}
