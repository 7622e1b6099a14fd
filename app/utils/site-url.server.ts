import { env } from "~/utils/env.server";

/** The public address used in emails, where there is no request to read the host from. */
export function siteUrl(path = "/"): string {
  const base = (env("PUBLIC_URL") ?? `http://localhost:${env("PORT") ?? "3000"}`).replace(/\/+$/, "");
  return `${base}${path}`;
}
