import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getSiteSettings, updateSiteSettings } from "~/models/site-settings.server";
import { DEFAULT_SITE_DESCRIPTION, DEFAULT_SITE_NAME } from "~/utils/site-settings";
import { parseForm, siteSettingsSchema } from "~/utils/validation.server";
import { createTestUser, statusOf } from "./factories";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

async function storedSettings() {
  return getDb().selectFrom("settings").selectAll().where("key", "in", ["site_name", "site_description"]).orderBy("key").execute();
}

describe("site settings", () => {
  it("start with the defaults", async () => {
    expect(await getSiteSettings()).toEqual({ siteName: DEFAULT_SITE_NAME, siteDescription: DEFAULT_SITE_DESCRIPTION });
  });

  it("are stored by an admin, audit-logged, and read back", async () => {
    const admin = await createTestUser({ role: "admin" });
    await updateSiteSettings(admin, { siteName: "Acme Commons", siteDescription: "Where Acme customers meet." });
    expect(await storedSettings()).toEqual([
      { key: "site_description", value: "Where Acme customers meet." },
      { key: "site_name", value: "Acme Commons" },
    ]);
    await updateSiteSettings(admin, { siteName: "Acme Forum", siteDescription: "Where Acme customers meet." });
    expect(await getSiteSettings()).toEqual({ siteName: "Acme Forum", siteDescription: "Where Acme customers meet." });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["actor_id", "target_type", "detail"])
      .where("action", "=", "site.settings")
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { actor_id: admin.id, target_type: "site", detail: `name "${DEFAULT_SITE_NAME}" → "Acme Commons"; description changed` },
      { actor_id: admin.id, target_type: "site", detail: 'name "Acme Commons" → "Acme Forum"' },
    ]);
  });

  it.each([
    ["staff", () => createTestUser({ role: "staff" })],
    ["a member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("are refused to %s with 403 and change nothing", async (_who, makeActor) => {
    const before = await storedSettings();
    const actor = await makeActor();
    expect(await statusOf(() => updateSiteSettings(actor, { siteName: "Taken over", siteDescription: "" }))).toBe(403);
    expect(await storedSettings()).toEqual(before);
  });
});

describe("the site settings form", () => {
  it.each([
    ["a one-letter name", { siteName: "A", siteDescription: "" }, "siteName"],
    ["a blank name", { siteName: "   ", siteDescription: "" }, "siteName"],
    ["a 61-character name", { siteName: "n".repeat(61), siteDescription: "" }, "siteName"],
    ["a 301-character description", { siteName: "Fine", siteDescription: "d".repeat(301) }, "siteDescription"],
  ])("rejects %s next to the field", (_case, values, field) => {
    const result = parseForm(siteSettingsSchema, form(values));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it("accepts the longest name and description, trimmed", () => {
    const result = parseForm(siteSettingsSchema, form({ siteName: ` ${"n".repeat(60)} `, siteDescription: "d".repeat(300) }));
    expect(result).toEqual({ ok: true, data: { siteName: "n".repeat(60), siteDescription: "d".repeat(300) } });
  });
});
