import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { exportMyData } from "~/models/privacy.server";

/** The member's own data as one JSON file (a download, never cached). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const body = JSON.stringify(await exportMyData(user), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="cocreate-${user.username}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
