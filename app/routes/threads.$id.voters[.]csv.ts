import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { exportVotersCsv } from "~/models/idea-export.server";
import { parseId } from "~/utils/http";

/** An idea's voters as a spreadsheet: staff only. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { csv, filename } = await exportVotersCsv(user, parseId(params.id, "thread id"));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
