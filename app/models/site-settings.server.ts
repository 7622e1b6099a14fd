import { getDb } from "~db/client.server";
import type { Db } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { defaultSiteSettings, type SiteSettings } from "~/utils/site-settings";
import { recordAudit } from "./audit.server";
import { ensure, Forbidden } from "./errors.server";

/** The `settings` keys this module owns; other keys (the signing secret) never leave the server. */
const keys = { siteName: "site_name", siteDescription: "site_description" } as const;

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
      for (const [field, key] of Object.entries(keys) as [keyof SiteSettings, string][]) {
        await trx
          .insertInto("settings")
          .values({ key, value: input[field] })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value: input[field] }))
          .execute();
      }
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
