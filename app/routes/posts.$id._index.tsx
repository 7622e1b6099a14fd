import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/session.server";
import { locateReply } from "~/models/reply-pages.server";
import { parseId } from "~/utils/http";

/** A link to one reply: opens the page of its thread that holds it, at the reply. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  return redirect(await locateReply(viewer, parseId(params.id, "reply id")));
}

/** Never shown: the loader always redirects. Having a page makes a missing reply a full error page, not plain text. */
export default function ReplyLink() {
  return null;
}
