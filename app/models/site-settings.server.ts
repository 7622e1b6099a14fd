import { getDb } from "~db/client.server";
import type { Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { defaultSiteSettings, type SiteSettings } from "~/utils/site-settings";
import { recordAudit } from "./audit.server";
import { ensure, Forbidden, Invalid } from "./errors.server";

/** The `settings` keys this module owns; other keys (the signing secret) never leave the server. */
const keys = { siteName: "site_name", siteDescription: "site_description" } as const;

/** Stores one row of the settings table, new or replaced. */
export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** The site's name and description, with the defaults for whatever an admin has not set. */
export async function getSiteSettings(db: Db = getDb()): Promise<SiteSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).where("key", "in", Object.values(keys)).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return {
    siteName: stored.get(keys.siteName) ?? defaultSiteSettings.siteName,
    siteDescription: stored.get(keys.siteDescription) ?? defaultSiteSettings.siteDescription,
  };
}

export async function updateSiteSettings(actor: Actor, input: SiteSettings): Promise<void> {
  ensure(actor && can.manageSite(actor), Forbidden, "Only admins can change the site settings.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await getSiteSettings(trx);
      for (const [field, key] of Object.entries(keys) as [keyof SiteSettings, string][]) await putSetting(trx, key, input[field]);
      const changed = [
        before.siteName !== input.siteName ? `name "${before.siteName}" → "${input.siteName}"` : null,
        before.siteDescription !== input.siteDescription ? "description changed" : null,
      ].filter(Boolean);
      await recordAudit(trx, {
        actorId: actor.id,
        action: "site.settings",
        targetType: "site",
        targetId: null,
        detail: changed.join("; ") || "no change",
      });
    });
}

const EMBED_ORIGINS = "embed_origins";
export const MAX_EMBED_ORIGINS = 20;

/**
 * The origins ("https://app.example.com") whose pages may frame the
 * embeddable changelog (/embed/changelog); every other page refuses framing.
 */
export async function getEmbedOrigins(db: Db = getDb()): Promise<string[]> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", EMBED_ORIGINS).executeTakeFirst();
  return row?.value ? row.value.split(" ") : [];
}

/** One origin per line, as an admin typed them: each must be just scheme, host and port. */
export function parseEmbedOrigins(text: string): { origins: string[] } | { problem: string } {
  const origins: string[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(line);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== line.replace(/\/$/, "").toLowerCase()) {
      return { problem: `"${line.slice(0, 80)}" is not an origin: give scheme and host only, like https://app.example.com.` };
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  if (origins.length > MAX_EMBED_ORIGINS) return { problem: `List at most ${MAX_EMBED_ORIGINS} origins.` };
  return { origins };
}

export async function updateEmbedOrigins(actor: Actor, text: string): Promise<void> {
  ensure(actor && can.manageSite(actor), Forbidden, "Only admins can change the site settings.");
  const parsed = parseEmbedOrigins(text);
  if ("problem" in parsed) throw new Invalid("embedOrigins", parsed.problem);
  const value = parsed.origins.join(" ");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await putSetting(trx, EMBED_ORIGINS, value);
      await recordAudit(trx, {
        actorId: actor.id,
        action: "site.embed_origins",
        targetType: "site",
        targetId: null,
        detail: value || "none",
      });
    });
}
