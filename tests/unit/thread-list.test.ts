import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createTag } from "~/models/tag.server";
import { editThread, markAnswer } from "~/models/thread.server";
import { listSorts, listThreads, PAGE_SIZE, type ListFilter, type ListScope, type ListSort } from "~/models/thread-list.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser } from "./factories";

async function walk(scope: ListScope, sort: ListSort, filter: ListFilter = {}, between?: () => Promise<void>) {
  const seen: number[] = [];
  let after = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof listThreads>> = await listThreads(scope, sort, filter, { after });
    seen.push(...page.threads.map((t) => t.id));
    after = page.nextCursor ? parseCursorOrThrow(page.nextCursor) : null;
    pages++;
    if (pages === 1 && between) await between();
  } while (after && pages < 20);
  return { seen, pages };
}

function parseCursorOrThrow(value: string) {
  const [pinned, key, id] = value.split(".").map(Number);
  return { pinned: pinned!, key: key!, id: id! };
}

async function seedThreads(count: number) {
  const author = await createTestUser();
  const productId = await createTestProduct();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(await createTestThread(author, { productId, title: `Listed thread ${i}` }));
  // Ties on every sort key, so ordering leans on the id in the cursor.
  for (const [i, id] of ids.entries()) {
    await getDb()
      .updateTable("threads")
      .set({ last_activity_at: 5_000 + Math.floor(i / 4), created_at: 1_000 + Math.floor(i / 3), vote_count: i % 7, reply_count: i % 5 })
      .where("id", "=", id)
      .execute();
  }
  return { author, productId, ids };
}

describe("thread lists", () => {
  it.each(listSorts)("sorted by %s: every thread once, in order, page after page", async (sort) => {
    const { productId, ids } = await seedThreads(PAGE_SIZE * 2 + 3);
    const { seen, pages } = await walk({ productId }, sort);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const rows = await getDb().selectFrom("threads").selectAll().where("product_id", "=", productId).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const key = { activity: "last_activity_at", newest: "created_at", votes: "vote_count", replies: "reply_count" }[sort] as
      "last_activity_at" | "created_at" | "vote_count" | "reply_count";
    const expected = [...ids].sort((a, b) => byId.get(b)![key] - byId.get(a)![key] || b - a);
    expect(seen).toEqual(expected);
  });

  it("stays stable when threads are posted between two pages: no duplicates, none skipped", async () => {
    const { author, productId, ids } = await seedThreads(PAGE_SIZE + 10);
    const { seen } = await walk({ productId }, "activity", {}, async () => {
      for (let i = 0; i < 5; i++) await createTestThread(author, { productId, title: `Posted meanwhile ${i}` });
    });
    expect(new Set(seen).size).toBe(seen.length);
    // Everything that existed when paging started is seen exactly once; the new threads are above page 1.
    expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it("goes back a page with the previous-page cursor", async () => {
    const { productId } = await seedThreads(PAGE_SIZE * 2 + 1);
    const first = await listThreads({ productId }, "votes", {});
    const second = await listThreads({ productId }, "votes", {}, { after: parseCursorOrThrow(first.nextCursor!) });
    expect(first.isFirstPage).toBe(true);
    expect(first.prevCursor).toBeNull();
    expect(second.isFirstPage).toBe(false);
    const back = await listThreads({ productId }, "votes", {}, { before: parseCursorOrThrow(second.prevCursor!) });
    expect(back.threads.map((t) => t.id)).toEqual(first.threads.map((t) => t.id));
    expect(back.isFirstPage).toBe(true);
    expect(back.nextCursor).toBe(first.nextCursor);
  });

  it("keeps pinned threads on top of a product in every sort", async () => {
    const { productId, ids } = await seedThreads(5);
    await getDb().updateTable("threads").set({ pinned: 1 }).where("id", "=", ids[0]!).execute();
    for (const sort of listSorts) expect((await listThreads({ productId }, sort, {})).threads[0]!.id).toBe(ids[0]);
  });

  it("filters by kind, status, solved, unanswered and tag", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const productId = await createTestProduct();
    const solved = await createTestThread(author, { productId, kind: "question", title: "Solved one" });
    const unsolved = await createTestThread(author, { productId, kind: "question", title: "Unsolved one" });
    const idea = await createTestThread(author, { productId, kind: "idea", title: "An idea" });
    const discussion = await createTestThread(author, { productId, kind: "discussion", title: "A talk" });
    await markAnswer(author, solved, await createTestReply(staff, solved, "This."));
    await createTestReply(staff, discussion, "Chatting.");
    const tag = await createTag(staff, { name: "Billing", slug: "billing-list" });
    await editThread(author, idea, { title: "An idea", body: "Some **markdown** text.", tagIds: [tag.id] });

    const ids = async (filter: ListFilter) =>
      (await listThreads({ productId }, "activity", filter)).threads.map((t) => t.id).sort((a, b) => a - b);
    expect(await ids({ kind: "question" })).toEqual([solved, unsolved]);
    expect(await ids({ status: "open" })).toEqual([idea]);
    expect(await ids({ solved: "yes" })).toEqual([solved]);
    expect(await ids({ solved: "no" })).toEqual([unsolved]);
    expect(await ids({ unanswered: true })).toEqual([unsolved, idea]);
    expect(await ids({ tagId: tag.id })).toEqual([idea]);
    const tagged = await listThreads({ tagId: tag.id }, "newest", {});
    expect(tagged.threads.map((t) => ({ id: t.id, tags: t.tags }))).toEqual([
      { id: idea, tags: [{ slug: "billing-list", name: "Billing" }] },
    ]);
  });
});

describe("list URLs", () => {
  it("keep sort and filters in the query, leave defaults out and carry the cursor", async () => {
    const { listSearch, pagerLinks } = await import("~/utils/list-params");
    const params = { sort: "votes", kind: "idea", status: "planned", tag: "billing" } as const;
    expect(listSearch({ sort: "activity" })).toBe("");
    expect(listSearch(params)).toBe("?sort=votes&kind=idea&status=planned&tag=billing");
    const links = pagerLinks("/products/ledger", params, { isFirstPage: false, prevCursor: "0.5.9", nextCursor: "0.3.4" });
    expect(links).toEqual({
      first: "/products/ledger?sort=votes&kind=idea&status=planned&tag=billing",
      prev: "/products/ledger?sort=votes&kind=idea&status=planned&tag=billing&before=0.5.9",
      next: "/products/ledger?sort=votes&kind=idea&status=planned&tag=billing&after=0.3.4",
    });
    expect(pagerLinks("/tags/x", { sort: "activity" }, { isFirstPage: true, prevCursor: null, nextCursor: null })).toEqual({
      first: null,
      prev: null,
      next: null,
    });
  });
});
