/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import type { MetaDescriptor } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { digestIntervalMs, gatherDigests } from "~/jobs/gather-digests.server";
import { deliverDueEmails } from "~/jobs/send-emails.server";
import { fromAddress, type Mail, type MailTransport } from "~/email/transport.server";
import { setEmailPreferences } from "~/email/preferences.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { updateSiteSettings } from "~/models/site-settings.server";
import { vote } from "~/models/vote.server";
import { loader as siteFeed } from "~/routes/feed[.]xml";
import { loader as changelogFeed } from "~/routes/changelog.feed[.]xml";
import { loader as productFeed } from "~/routes/products.$slug.feed[.]xml";
import { createTestProduct, createTestThread, createTestUser } from "./factories";

/** Renaming the site at /admin/settings reaches every page title, feed and email. */

const NAME = "Acme Commons";

type MetaArgs = { data: unknown; matches: { id: string; data: unknown }[]; params: Record<string, string>; location: unknown };
type RouteModule = { meta?: (args: MetaArgs) => MetaDescriptor[] };
const routes = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true });

const matches = [{ id: "root", data: { user: null, site: { siteName: NAME, siteDescription: "" } } }];
const metaOf = (module: RouteModule, data: unknown = undefined) =>
  module.meta!({ data, matches, params: {}, location: { pathname: "/", search: "", hash: "" } });
const route = (name: string) => routes[`../../app/routes/${name}`]!;

describe("a renamed site", () => {
  it("is the name in every page's title, whatever the page", () => {
    const withMeta = Object.entries(routes).filter(([, module]) => typeof module.meta === "function");
    expect(withMeta.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const [file, module] of withMeta) {
      // Page titles, not the titles of <link> elements (a feed's name).
      const titles = metaOf(module).flatMap((d) => ("title" in d && !("tagName" in d) && typeof d.title === "string" ? [d.title] : []));
      if (titles.length === 0 || !titles.every((title) => title.includes(NAME))) wrong.push(`${file}: ${titles.join(" | ")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("is og:site_name and in the title of thread, product and tag pages", () => {
    const seo = { description: "", canonical: "https://example.com/x" };
    const pages = [
      metaOf(route("threads.$id.($slug).tsx"), {
        thread: { title: "Offline mode", productName: "Ledger" },
        hidden: null,
        pagination: { page: 1 },
        seo: { ...seo, pager: {} },
      }),
      metaOf(route("products.$slug.tsx"), {
        product: { name: "Ledger", slug: "ledger", description: "" },
        canonical: seo.canonical,
        list: { pager: {} },
      }),
      metaOf(route("tags.$slug.tsx"), { tag: { name: "exports" }, canonical: seo.canonical, list: { pager: {} } }),
      metaOf(route("tags._index.tsx"), { canonical: seo.canonical }),
    ];
    for (const descriptors of pages) {
      expect(descriptors).toContainEqual({ property: "og:site_name", content: NAME });
      expect(JSON.stringify(descriptors)).not.toContain("Cocreate");
    }
    expect(pages[0]).toContainEqual({ title: `Offline mode — Ledger — ${NAME}` });
  });

  it("is the author and in the title of every feed", async () => {
    const admin = await createTestUser({ role: "admin" });
    await updateSiteSettings(admin, { siteName: NAME, siteDescription: "" });
    const product = await createTestProduct({ slug: "feed-product", name: "Ledger" });
    await createTestThread(admin, { productId: product, title: "In the feed" });
    const feeds = [
      await (await siteFeed()).text(),
      await (await changelogFeed()).text(),
      await (
        await productFeed({ params: { slug: "feed-product" }, request: new Request("http://x/"), context: { clientIp: "127.0.0.1" } })
      ).text(),
    ];
    expect(feeds[0]).toContain(`<title>${NAME} — latest threads</title>`);
    expect(feeds[1]).toContain(`<title>${NAME} changelog</title>`);
    expect(feeds[2]).toContain(`<title>Ledger — ${NAME}</title>`);
    for (const xml of feeds) {
      expect(xml).toContain(`<name>${NAME}</name>`);
      expect(xml.replace("<generator>Cocreate</generator>", "")).not.toContain("Cocreate");
    }
  });

  it("is in the subject, the footer and the sender's name of every email", async () => {
    const admin = await createTestUser({ role: "admin" });
    await updateSiteSettings(admin, { siteName: NAME, siteDescription: "" });
    const [author, staff, voter, daily] = [
      await createTestUser(),
      await createTestUser({ role: "staff" }),
      await createTestUser(),
      await createTestUser(),
    ];
    const threadId = await createTestThread(author, { kind: "idea", title: "Renamed emails" });
    await setEmailPreferences(daily, { status_changed: "daily" });
    await vote(voter, threadId);
    await vote(daily, threadId);
    await setIdeaStatus(staff, threadId, { status: "planned", note: "Decided in review." });
    const later = Date.now() + digestIntervalMs() + 1;
    await gatherDigests(later);

    const sent: Mail[] = [];
    const transport: MailTransport = { name: "test", send: async (mail) => void sent.push(mail) };
    await deliverDueEmails(transport, later);
    const toVoter = sent.find((m) => m.userId === voter.id)!;
    expect(toVoter.subject).toBe(`[${NAME}] “Renamed emails” is now planned`);
    expect(toVoter.siteName).toBe(NAME);
    const digest = sent.find((m) => m.userId === daily.id)!;
    expect(digest.subject).toBe(`[${NAME}] Your daily digest: 1 update`);
    expect(digest.text).toContain(`Unsubscribe from all ${NAME} emails`);
    for (const mail of sent) expect(`${mail.subject}\n${mail.text}`).not.toContain("Cocreate");
    expect(fromAddress(NAME)).toEqual({ name: NAME, address: "no-reply@localhost" });
    const stored = await getDb().selectFrom("email_outbox").select("subject").where("user_id", "in", [voter.id, daily.id]).execute();
    expect(stored.every((row) => row.subject.startsWith(`[${NAME}]`))).toBe(true);
  });
});
