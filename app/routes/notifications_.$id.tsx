import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { openNotification } from "~/models/notification-inbox.server";
import { parseId } from "~/utils/http";

/** Following a notification: it becomes read and the member lands on what it points at. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return redirect(await openNotification(user, parseId(params.id, "notification id")));
}

/** Never shown: the loader always redirects. Having a page makes an unknown notification a full error page. */
export default function OpenNotification() {
  return null;
}
