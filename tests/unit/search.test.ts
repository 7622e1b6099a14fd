import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteContent, hideContent, unhideContent } from "~/models/moderation.server";
import { findSimilarThreads, searchThreads } from "~/models/search.server";
import { addStaffNote } from "~/models/staff-note.server";
import { editThread, markAnswer } from "~/models/thread.server";
import { editReply } from "~/models/post.server";
import { fts5MatchAll, fts5MatchTitle } from "~db/search/sqlite.server";
import { SEARCH_MAX_MATCHES, searchSummary, searchTerms, similarWords } from "~/utils/search-query";
import { snippetParts } from "~/utils/snippet";
import { createTestProduct, createTestReply, createTestThread, createTestUser, type TestActor } from "./factories";

const hostileQueries = [
  "",
  " ",
  '"',
  '""',
  '"unbalanced',
  'unbalanced"',
  "'",
  "*",
  "**",
  "invoice*",
  "*invoice",
  "-",
  "-invoice",
  "invoice -export",
  "AND",
  "OR",
  "NOT",
  "invoice AND",
  "AND OR NOT",
  "NEAR(",
  "NEAR(invoice export, 3)",
  "NEAR",
  "(",
  ")",
  "((invoice",
  "invoice))",
  "{title}: invoice",
  "title:invoice",
  "body : export",
  "^invoice",
  "invoice + export",
  "a:b:c",
  "\\",
  "%_%",
  "'; drop table threads; --",
  "<script>alert(1)</script>",
  "🎉🚀",
  "invoice 🎉",
  "日本語の請求書",
  "Ünïcödé façade",
  "\u0000\u0002\u0003",
  "x".repeat(10_000),
  "invoice ".repeat(2_000),
  '"a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n"',
];

describe("search query sanitizing", () => {
  it.each(hostileQueries.map((q) => [q.slice(0, 40), q]))("never fails on %j", async (_label, query) => {
    const author = await createTestUser();
    await createTestThread(author, { title: "Invoice export to CSV", body: "How do I export an invoice?" });
    const result = await searchThreads(query);
    expect(Array.isArray(result.results)).toBe(true);
    const similar = await findSimilarThreads(query);
    expect(Array.isArray(similar)).toBe(true);
  });

  it("keeps only words and phrases, so operators are searched as words", () => {
    expect(searchTerms('invoice AND NEAR( "late fee" -x*')).toEqual([["invoice"], ["AND"], ["NEAR"], ["late", "fee"], ["x"]]);
    expect(searchTerms("🎉 ** ( )")).toEqual([]);
    expect(searchTerms("")).toEqual([]);
    expect(similarWords("How do I export invoices")).toEqual([
      { word: "export", prefix: false },
      { word: "invoices", prefix: true },
    ]);
  });

  it("quotes every term for FTS5 (SQLite)", () => {
    expect(fts5MatchAll(searchTerms('invoice AND NEAR( "late fee" -x*'))).toBe('"invoice" "AND" "NEAR" "late fee" "x"');
    expect(fts5MatchAll([])).toBeNull();
    expect(fts5MatchTitle(similarWords("How do I export invoices"), false)).toBe('title : ("export" OR "invoices"*)');
  });

  it("caps what it reads of a long query", () => {
    expect(searchTerms("word ".repeat(10_000)).length).toBeLessThanOrEqual(12);
  });
});

describe("searching threads", () => {
  it("finds replies' text and ranks a title match above a body-only match", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    const bodyOnly = await createTestThread(author, {
      productId,
      title: "Month-end close checklist",
      body: "We reconcile every zebrafish account before closing the month.",
    });
    const inTitle = await createTestThread(author, {
      productId,
      title: "Zebrafish accounts in the ledger",
      body: "Where do these come from?",
    });
    const inReply = await createTestThread(author, { productId, title: "Random question", body: "Nothing here." });
    await createTestReply(author, inReply, "I saw a zebrafish once.");

    const { results, total } = await searchThreads("zebrafish");
    expect(total).toBe(3);
    expect(results[0]!.id).toBe(inTitle);
    expect(results.map((r) => r.id)).toEqual(expect.arrayContaining([bodyOnly, inReply]));
    const replyHit = results.find((r) => r.id === inReply)!;
    expect(replyHit.inReply).toBe(true);
    // A link to the reply, which opens the page of the thread that holds it (reply-pages.test.ts).
    expect(replyHit.href).toMatch(/^\/posts\/\d+$/);
    expect(replyHit.snippet).toContainEqual({ text: "zebrafish", hit: true });
  });

  it("matches word forms and ignores accents", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "Exporting invoices", body: "Café receipts too." });
    expect((await searchThreads("invoice export")).results.map((r) => r.id)).toContain(id);
    expect((await searchThreads("cafe")).results.map((r) => r.id)).toContain(id);
  });

  it("never shows hidden or deleted threads and replies, or staff notes", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const hidden = await createTestThread(author, { productId, title: "Quokka hidden thread" });
    const deleted = await createTestThread(author, { productId, title: "Quokka deleted thread" });
    const visible = await createTestThread(author, { productId, kind: "idea", title: "Plain idea", body: "Nothing special" });
    const hiddenReply = await createTestReply(author, visible, "quokka in a hidden reply");
    const deletedReply = await createTestReply(author, visible, "quokka in a deleted reply");
    await addStaffNote(staff, visible, "quokka appears in a staff note only");
    await hideContent(staff, { type: "thread", id: hidden }, "spam");
    await deleteContent(staff, { type: "thread", id: deleted }, "spam");
    await hideContent(staff, { type: "post", id: hiddenReply }, "spam");
    await deleteContent(staff, { type: "post", id: deletedReply }, "spam");

    expect((await searchThreads("quokka")).results).toEqual([]);
    expect(await findSimilarThreads("quokka thread")).toEqual([]);

    // Unhiding puts it back; editing a reply re-indexes its new text.
    await unhideContent(staff, { type: "thread", id: hidden });
    expect((await searchThreads("quokka")).results.map((r) => r.id)).toEqual([hidden]);
    const reply = await createTestReply(author, visible, "first words");
    await editReply(author, reply, "now about wombats");
    expect((await searchThreads("wombats")).results.map((r) => r.id)).toEqual([visible]);
    expect((await searchThreads("first words")).results).toEqual([]);
  });

  it("hides a reply's match when its thread is hidden", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const thread = await createTestThread(author, { title: "Ordinary", body: "ordinary" });
    await createTestReply(author, thread, "a platypus reply");
    await hideContent(staff, { type: "thread", id: thread }, "spam");
    expect((await searchThreads("platypus")).results).toEqual([]);
  });

  it("keeps the index in step with edits and hard deletes", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "Old narwhal title", body: "text" });
    await editThread(author, id, { title: "New axolotl title", body: "text" });
    expect((await searchThreads("narwhal")).results).toEqual([]);
    expect((await searchThreads("axolotl")).results.map((r) => r.id)).toEqual([id]);
    await getDb().deleteFrom("threads").where("id", "=", id).execute();
    expect((await searchThreads("axolotl")).results).toEqual([]);
  });

  it("filters by product, kind, status and solved", async () => {
    const author = await createTestUser();
    const helper = await createTestUser();
    const ledger = await createTestProduct({ slug: "ledger-search" });
    const pulse = await createTestProduct({ slug: "pulse-search" });
    const question = await createTestThread(author, { productId: ledger, kind: "question", title: "Gecko question" });
    const idea = await createTestThread(author, { productId: pulse, kind: "idea", title: "Gecko idea" });
    const open = await createTestThread(author, { productId: ledger, kind: "question", title: "Gecko open question" });
    await markAnswer(author, question, await createTestReply(helper, question, "Here is how."));
    const ids = async (filter: Parameters<typeof searchThreads>[1]) =>
      (await searchThreads("gecko", filter)).results.map((r) => r.id).sort();
    expect(await ids({ productSlug: "pulse-search" })).toEqual([idea]);
    expect(await ids({ kind: "question" })).toEqual([question, open].sort());
    expect(await ids({ status: "open" })).toEqual([idea]);
    expect(await ids({ solved: "yes" })).toEqual([question]);
    expect(await ids({ solved: "no" })).toEqual([open]);
  });

  it("pages through many results", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    for (let i = 0; i < 25; i++) await createTestThread(author, { productId, title: `Capybara number ${i}` });
    const first = await searchThreads("capybara", {}, 1);
    const second = await searchThreads("capybara", {}, 2);
    expect(first.total).toBe(25);
    expect(first.pageCount).toBe(2);
    expect(first.results).toHaveLength(20);
    expect(second.results).toHaveLength(5);
    expect(new Set([...first.results, ...second.results].map((r) => r.id)).size).toBe(25);
  });
});

const DAY = 86_400_000;

async function setLastActivity(threadId: number, daysAgo: number) {
  await getDb()
    .updateTable("threads")
    .set({ last_activity_at: Date.now() - daysAgo * DAY })
    .where("id", "=", threadId)
    .execute();
}

/** Adds replies straight to the table (the full-text triggers index them), oldest first. */
async function addReplies(author: TestActor, threadId: number, bodies: string[]) {
  const start = Date.now() - bodies.length;
  await getDb()
    .insertInto("posts")
    .values(
      bodies.map((body, i) => ({ thread_id: threadId, author_id: author.id, body, body_html: `<p>${body}</p>`, created_at: start + i })),
    )
    .execute();
}

describe("ranking and the limit on matches read", () => {
  it("lists threads with every word in the title first, then the others by latest activity", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    const inTitle = await createTestThread(author, { productId, title: "Okapi sightings", body: "Seen near the river." });
    const oldBody = await createTestThread(author, { productId, title: "Zoo notes", body: "We saw an okapi once." });
    const inReply = await createTestThread(author, { productId, title: "Weekend plans", body: "Nothing yet." });
    const reply = await createTestReply(author, inReply, "Maybe the okapi enclosure?");
    const newBody = await createTestThread(author, { productId, title: "Animal list", body: "Giraffe, okapi, zebra." });
    const titleAndReply = await createTestThread(author, { productId, title: "Okapi feeding times", body: "When are they fed?" });
    await createTestReply(author, titleAndReply, "The okapi eats at noon.");
    await setLastActivity(inTitle, 30);
    await setLastActivity(titleAndReply, 40);
    await setLastActivity(oldBody, 10);
    await setLastActivity(inReply, 1);
    await setLastActivity(newBody, 3);

    const { results, total, capped } = await searchThreads("okapi");
    expect(results.map((r) => r.id).slice(2)).toEqual([inReply, newBody, oldBody]);
    expect(
      results
        .map((r) => r.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([inTitle, titleAndReply].sort());
    expect(total).toBe(5);
    expect(capped).toBe(false);
    // A thread's own matching text is its snippet; otherwise its newest matching reply.
    expect(results.find((r) => r.id === titleAndReply)!.inReply).toBe(false);
    const replyHit = results.find((r) => r.id === inReply)!;
    expect(replyHit.href).toBe(`/posts/${reply}`);
    expect(replyHit.snippet).toContainEqual({ text: "okapi", hit: true });
    expect(replyHit.snippet.map((p) => p.text).join("")).toContain("enclosure");
  });

  it("gives each result the snippet of its own matching text", async () => {
    const author = await createTestUser();
    const first = await createTestThread(author, { title: "First", body: "alpha words about the tapir" });
    const second = await createTestThread(author, { title: "Second", body: "nothing" });
    await createTestReply(author, second, "beta words about a tapir");
    const { results } = await searchThreads("tapir");
    const text = (id: number) =>
      results
        .find((r) => r.id === id)!
        .snippet.map((p) => p.text)
        .join("");
    expect(text(first)).toContain("alpha");
    expect(text(first)).not.toContain("beta");
    expect(text(second)).toContain("beta");
  });

  it(`says when more than ${SEARCH_MAX_MATCHES} threads and replies match, counting only what may be shown`, async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const otherProduct = await createTestProduct({ slug: "numbat-product" });
    // The oldest match of all, in another product.
    const elsewhere = await createTestThread(author, { productId: otherProduct, title: "Elsewhere", body: "nothing" });
    await createTestReply(author, elsewhere, "an old numbat reply");
    const inTitle = await createTestThread(author, { productId, title: "Numbat habits", body: "text" });
    const inBody = await createTestThread(author, { productId, title: "Marsupials", body: "The numbat eats termites." });
    const busy = await createTestThread(author, { productId, title: "Busy thread", body: "text" });
    await addReplies(
      author,
      busy,
      Array.from({ length: SEARCH_MAX_MATCHES - 1 }, (_, i) => `numbat reply ${i}`),
    );
    const last = await createTestReply(await createTestUser(), busy, "the newest numbat reply");
    await setLastActivity(inBody, 2);
    await setLastActivity(elsewhere, 5);

    const capped = await searchThreads("numbat");
    expect(capped.capped).toBe(true);
    // 1,001 matching replies: the newest 1,000 all belong to the busy thread, the old one elsewhere is past the limit.
    // Threads' own text is read apart from replies, so a thread matching in its body is not crowded out.
    expect(capped.results.map((r) => r.id)).toEqual([inTitle, busy, inBody]);
    expect(capped.total).toBe(3);
    expect(searchSummary({ q: "numbat", ...capped })).toBe(
      "More than 1,000 threads and replies match “numbat”. Showing 3 threads: those with every word in the title first, then the newest matches. Add a word or a filter to see fewer.",
    );
    // A filter applies before the limit, so the other product's thread is found.
    const filtered = await searchThreads("numbat", { productSlug: "numbat-product" });
    expect(filtered.results.map((r) => r.id)).toEqual([elsewhere]);
    expect(filtered.capped).toBe(false);

    // A deleted reply no longer counts: the 1,000 visible replies left are all read, and the count is exact.
    await deleteContent(staff, { type: "post", id: last }, "spam");
    const exact = await searchThreads("numbat");
    expect(exact.capped).toBe(false);
    expect(exact.results.map((r) => r.id)).toEqual([inTitle, busy, inBody, elsewhere]);
    expect(searchSummary({ q: "numbat", ...exact })).toBe("4 threads match “numbat”");
  });

  it("summarises a result count, a single match and paging", () => {
    expect(searchSummary({ q: "x", total: 1, capped: false, page: 1, pageCount: 1 })).toBe("1 thread matches “x”");
    expect(searchSummary({ q: "x", total: 45, capped: false, page: 2, pageCount: 3 })).toBe("45 threads match “x” · page 2 of 3");
    expect(searchSummary({ q: "x", total: 1200, capped: true, page: 1, pageCount: 60 })).toMatch(
      /^More than 1,000 threads and replies match “x”\..* · page 1 of 60$/,
    );
  });
});

describe("snippets", () => {
  it("keeps user text as text and marks only the hits", () => {
    const parts = snippetParts("see \u0002<b>x</b>\u0003 and **bold** `code`");
    expect(parts).toEqual([
      { text: "see ", hit: false },
      { text: "<b>x</b>", hit: true },
      { text: " and bold code", hit: false },
    ]);
  });
});

describe("similar threads", () => {
  it("suggests threads whose titles share words, still typing the last one", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "Syncing gizmobills to Xero", body: "text" });
    await createTestThread(author, { title: "Something unrelated", body: "gizmobills are mentioned only in the body" });
    const similar = await findSimilarThreads("how do I sync gizmobi");
    expect(similar.map((s) => s.id)).toEqual([id]);
    expect(similar[0]!.href).toBe(`/threads/${id}/syncing-gizmobills-to-xero`);
  });
});
