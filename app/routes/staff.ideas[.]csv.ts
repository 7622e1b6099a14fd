import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { exportIdeasCsv } from "~/models/idea-export.server";

/** Every idea with its votes, accounts, status, target and verdicts, as a spreadsheet: staff only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await exportIdeasCsv(user), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ideas-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
