import { config } from "~/config.server";

/** The public address used in emails, where there is no request to read the host from. */
export function siteUrl(path = "/"): string {
  return `${config().PUBLIC_URL}${path}`;
}
