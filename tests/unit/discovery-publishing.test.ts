import { XMLParser, XMLValidator } from "fast-xml-parser";
import { statusLabelsNow } from "~/models/status-styles.server";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listChangelog } from "~/models/changelog.server";
import { acceptIdea } from "~/models/idea.server";
import { listFeedThreads } from "~/models/feed.server";
import { deleteContent, hideContent } from "~/models/moderation.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { markAnswer } from "~/models/thread.server";
import { changelogAtom, threadsAtom } from "~/routes/feeds.server";
import { sitemapFile, sitemapIndex } from "~/routes/sitemaps.server";
import { SITEMAP_PAGE_SIZE } from "~/models/sitemap.server";
import { serializeJsonLd } from "~/utils/seo";
import { threadStructuredData } from "~/utils/structured-data";
import { createTestProduct, createTestReply, createTestThread, createTestUser } from "./factories";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["entry", "url", "sitemap", "link"].includes(name),
});

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe("Atom feeds", () => {
  it("lists the newest visible threads with absolute links and escaped content", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const first = await createTestThread(author, {
      productId,
      title: "First <b>feed</b> & ]]> thread",
      body: "Body with <script>x</script> & ]]> **bold**",
    });
    const second = await createTestThread(author, { productId, title: "Second feed thread" });
    const hidden = await createTestThread(author, { productId, title: "Hidden feed thread" });
    const deleted = await createTestThread(author, { productId, title: "Deleted feed thread" });
    await hideContent(staff, { type: "thread", id: hidden }, "spam");
    await deleteContent(staff, { type: "thread", id: deleted }, "spam");
    await getDb()
      .updateTable("threads")
      .set({ created_at: Date.now() + 1000 })
      .where("id", "=", second)
      .execute();

    const xml = threadsAtom(
      { title: "Test feed", description: "d", path: "/", feedPath: "/feed.xml", siteName: "Test site" },
      await listFeedThreads(productId),
      await statusLabelsNow(),
    );
    const feed = parse(xml).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    // Titles are typed as HTML by Atom: the user's text arrives escaped, so readers show it as typed.
    const titles = feed.entry.map((e: { title: { "#text": string } }) => e.title["#text"]);
    expect(titles).toEqual(["Second feed thread", "First &lt;b&gt;feed&lt;/b&gt; &amp; ]]&gt; thread"]);
    const links = feed.entry.map((e: { link: { "@href": string }[] }) => e.link[0]!["@href"]);
    expect(links[1]).toMatch(new RegExp(`^https?://[^/]+/threads/${first}/first-b-feed-b-thread$`));
    // The body's raw <script> was sanitized to text on write; the feed carries that HTML escaped inside <content>.
    expect(xml).not.toContain("<script>");
  });

  it("puts shipped ideas in the changelog feed, newest first, with the release note and co-designers", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const older = await createTestThread(author, { productId, kind: "idea", title: "Older shipped idea" });
    const newer = await createTestThread(author, { productId, kind: "idea", title: "Newer shipped idea" });
    const planned = await createTestThread(author, { productId, kind: "idea", title: "Only planned" });
    for (const id of [older, newer]) {
      await setIdeaStatus(staff, id, { status: "planned", note: "On the plan." });
      await setIdeaStatus(staff, id, { status: "shipped", note: `Shipped note for ${id}.` });
    }
    await setIdeaStatus(staff, planned, { status: "planned", note: "Decided in review." });
    await acceptIdea(staff, newer);
    await getDb().updateTable("threads").set({ status_changed_at: 1_000 }).where("id", "=", older).execute();
    await getDb().updateTable("threads").set({ status_changed_at: 2_000 }).where("id", "=", newer).execute();

    const feed = parse(changelogAtom((await listChangelog(null, 30)).entries, "Test site")).feed;
    expect(feed.entry.map((e: { title: { "#text": string } }) => e.title["#text"])).toEqual([
      "Shipped: Newer shipped idea",
      "Shipped: Older shipped idea",
    ]);
    expect(String(feed.entry[0].content["#text"])).toContain(`Shipped note for ${newer}.`);
    expect(String(feed.entry[0].content["#text"])).toMatch(/Co-designed with user\d+\./);
    expect(String(feed.entry[1].content["#text"])).not.toContain("Co-designed");
    expect(feed.entry[0].updated).toBe(new Date(2_000).toISOString());
  });
});

describe("sitemaps", () => {
  it("indexes the sitemap files and lists visible threads' canonical URLs", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const visible = await createTestThread(author, { title: "Mapped thread" });
    const hidden = await createTestThread(author, { title: "Unmapped thread" });
    await hideContent(staff, { type: "thread", id: hidden }, "spam");

    const index = parse(await sitemapIndex()).sitemapindex;
    const files = index.sitemap.map((s: { loc: string }) => s.loc);
    expect(files).toEqual([expect.stringMatching(/\/sitemap\/pages\.xml$/), expect.stringMatching(/\/sitemap\/threads-1\.xml$/)]);

    const threads = parse((await sitemapFile("threads-1.xml"))!).urlset;
    const locs: string[] = threads.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContainEqual(expect.stringMatching(new RegExp(`/threads/${visible}/mapped-thread$`)));
    expect(locs.some((l) => l.includes(`/threads/${hidden}/`))).toBe(false);
    expect(threads.url.length).toBeLessThanOrEqual(SITEMAP_PAGE_SIZE);
    expect(threads.url[0].lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await sitemapFile("threads-99.xml")).toBeNull();
    expect(await sitemapFile("../etc.xml")).toBeNull();
  });

  it("splits threads into files of at most 50,000 URLs", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    const now = Date.now();
    await getDb()
      .insertInto("threads")
      .values({
        id: SITEMAP_PAGE_SIZE * 2 + 7,
        product_id: productId,
        author_id: author.id,
        kind: "discussion",
        title: "Far away thread",
        body: "x",
        body_html: "<p>x</p>",
        status: null,
        accepted_answer_post_id: null,
        co_designed_at: null,
        co_designed_by: null,
        hidden_at: null,
        last_activity_at: now,
        created_at: now,
        edited_at: null,
        merged_into_id: null,
        status_changed_at: null,
        hidden_reason: null,
        deleted_at: null,
        deleted_by: null,
        delete_reason: null,
        edited_by: null,
        closed_at: null,
      })
      .execute();
    const files = parse(await sitemapIndex()).sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    expect(files.filter((f: string) => /threads-\d+\.xml$/.test(f))).toHaveLength(3);
    const third = parse((await sitemapFile("threads-3.xml"))!).urlset.url.map((u: { loc: string }) => u.loc);
    expect(third).toEqual([expect.stringMatching(new RegExp(`/threads/${SITEMAP_PAGE_SIZE * 2 + 7}/far-away-thread$`))]);
  });
});

describe("structured data", () => {
  it("describes a question with its accepted answer as a QAPage", async () => {
    const asker = await createTestUser();
    const helper = await createTestUser();
    const id = await createTestThread(asker, { kind: "question", title: "How do I </script> escape?", body: "Tell me **how**." });
    const answerId = await createTestReply(helper, id, "Like **this**.");
    await createTestReply(helper, id, "Or like that.");
    await markAnswer(asker, id, answerId);
    const posts = await getDb().selectFrom("posts").selectAll().where("thread_id", "=", id).orderBy("id").execute();
    const reply = (p: (typeof posts)[number]) => ({
      id: p.id,
      bodyHtml: p.body_html,
      createdAt: p.created_at,
      authorUsername: "helper",
      authorDisplayName: "Helpful Person",
    });
    const data = threadStructuredData({
      kind: "question",
      title: "How do I </script> escape?",
      bodyHtml: "<p>Tell me <strong>how</strong>.</p>",
      createdAt: 0,
      editedAt: null,
      voteCount: 0,
      url: "https://example.com/threads/1/how",
      authorUsername: "asker",
      authorDisplayName: null,
      answer: reply(posts[0]!),
      replies: posts.map(reply),
    });
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: "How do I </script> escape?",
        text: "Tell me how.",
        answerCount: 2,
        author: { "@type": "Person", name: "asker" },
        acceptedAnswer: {
          "@type": "Answer",
          text: "Like this.",
          url: `https://example.com/threads/1/how#post-${answerId}`,
          author: { name: "Helpful Person" },
        },
        suggestedAnswer: [{ "@type": "Answer", text: "Or like that." }],
      },
    });
    const json = serializeJsonLd(data);
    expect(json).not.toContain("</script>");
    expect(json).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(json)).toEqual(data);
  });

  it("describes other threads as DiscussionForumPosting", () => {
    const data = threadStructuredData({
      kind: "idea",
      title: "An idea",
      bodyHtml: "<p>Do &amp; it</p>",
      createdAt: 0,
      editedAt: null,
      voteCount: 3,
      url: "https://example.com/threads/2/an-idea",
      authorUsername: "a",
      authorDisplayName: "A",
      answer: null,
      replies: [],
    });
    expect(data).toMatchObject({ "@type": "DiscussionForumPosting", headline: "An idea", text: "Do & it" });
  });
});
