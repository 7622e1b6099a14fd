import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { exportAccountsCsv } from "~/models/account-csv.server";

/** Every customer account as CSV (staff only): the columns an import reads back. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return new Response(await exportAccountsCsv(staff), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="accounts.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
