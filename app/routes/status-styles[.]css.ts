import { getStatusStyles } from "~/models/status-styles.server";
import { statusStylesCss } from "~/utils/status-styles";

/** The colours admins gave statuses and sub-statuses; pages link it with a version, so it may be cached for long. */
export async function loader() {
  return new Response(statusStylesCss(await getStatusStyles()), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
