import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createThread, editThread } from "~/models/thread.server";
import { formatCursor, listThreads, parseCursor } from "~/models/thread-list.server";
import { createTestProduct, createTestThread, createTestUser, getThreadRow, statusOf } from "./factories";

describe("creating a thread", () => {
  it("stores the markdown source and its sanitized HTML", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    const id = await createThread(author, {
      productId,
      kind: "discussion",
      title: "Dark mode",
      body: "Please add **dark mode** <script>alert(1)</script>",
    });
    const row = await getThreadRow(id);
    expect(row.body).toBe("Please add **dark mode** <script>alert(1)</script>");
    expect(row.body_html).toContain("<strong>dark mode</strong>");
    expect(row.body_html).not.toContain("<script");
    expect(row.author_id).toBe(author.id);
    expect(row.product_id).toBe(productId);
    expect(row.last_activity_at).toBe(row.created_at);
  });

  it.each([
    ["idea", "open"],
    ["question", null],
    ["discussion", null],
  ] as const)("gives a new %s the status %s", async (kind, status) => {
    const author = await createTestUser();
    const row = await getThreadRow(await createTestThread(author, { kind }));
    expect(row.kind).toBe(kind);
    expect(row.status).toBe(status);
  });

  it("refuses visitors and suspended members", async () => {
    const productId = await createTestProduct({ slug: "refusals" });
    const suspended = await createTestUser({ suspendedUntil: Date.now() + 60_000 });
    const input = { productId, kind: "discussion", title: "Hello", body: "World" } as const;
    expect(await statusOf(() => createThread(null, input))).toBe(403);
    expect(await statusOf(() => createThread(suspended, input))).toBe(403);
    const count = await getDb()
      .selectFrom("threads")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("product_id", "=", productId)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });
});

describe("editing a thread", () => {
  it("keeps the previous title and body as a revision", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "First title", body: "First body" });
    await editThread(author, id, { title: "Second title", body: "Second *body*" });

    const row = await getThreadRow(id);
    expect(row.title).toBe("Second title");
    expect(row.body).toBe("Second *body*");
    expect(row.body_html).toContain("<em>body</em>");
    expect(row.edited_at).not.toBeNull();

    const revisions = await getDb().selectFrom("revisions").selectAll().where("thread_id", "=", id).execute();
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ title: "First title", body: "First body", editor_id: author.id, post_id: null });
  });

  it("keeps one revision per edit, each with the text it replaced", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "Version 1", body: "one" });
    await editThread(author, id, { title: "Version 2", body: "two" });
    await editThread(author, id, { title: "Version 3", body: "three" });
    const revisions = await getDb().selectFrom("revisions").select(["title", "body"]).where("thread_id", "=", id).orderBy("id").execute();
    expect(revisions).toEqual([
      { title: "Version 1", body: "one" },
      { title: "Version 2", body: "two" },
    ]);
  });

  it.each([
    ["another member", () => createTestUser()],
    ["a visitor", async () => null],
  ])("is refused to %s with 403 and changes nothing", async (_who, makeActor) => {
    const author = await createTestUser();
    const id = await createTestThread(author, { title: "Original", body: "Original body" });
    const actor = await makeActor();
    expect(await statusOf(() => editThread(actor, id, { title: "Hijacked", body: "Hijacked" }))).toBe(403);
    const row = await getThreadRow(id);
    expect(row).toMatchObject({ title: "Original", body: "Original body", edited_at: null });
    const revisions = await getDb().selectFrom("revisions").select("id").where("thread_id", "=", id).execute();
    expect(revisions).toHaveLength(0);
  });

  it("lets staff edit anyone's thread, keeping the revision with the editor's name", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const id = await createTestThread(author, { title: "Original", body: "Original body" });
    await editThread(staff, id, { title: "Tidied title", body: "Tidied body" });
    expect(await getThreadRow(id)).toMatchObject({ title: "Tidied title", edited_by: staff.id });
    const revisions = await getDb().selectFrom("revisions").selectAll().where("thread_id", "=", id).execute();
    expect(revisions).toMatchObject([{ title: "Original", body: "Original body", editor_id: staff.id }]);
  });

  it("answers 404 for an unknown thread", async () => {
    const author = await createTestUser();
    expect(await statusOf(() => editThread(author, 999_999, { title: "Nothing", body: "here" }))).toBe(404);
  });
});

describe("listing a product's threads", () => {
  it("walks every thread exactly once, page by page, newest activity first", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    const otherProductId = await createTestProduct();
    await createTestThread(author, { productId: otherProductId, title: "Elsewhere" });

    const created: number[] = [];
    for (let i = 0; i < 30; i++) created.push(await createTestThread(author, { productId, title: `Thread number ${i}` }));
    // Spread activity over time, with ties, so ordering depends on both columns of the cursor.
    for (const [i, id] of created.entries()) {
      await getDb()
        .updateTable("threads")
        .set({ last_activity_at: 1_000 + Math.floor(i / 3) })
        .where("id", "=", id)
        .execute();
    }
    await getDb().updateTable("threads").set({ pinned: 1 }).where("id", "=", created[0]!).execute();

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads(
        { productId },
        "activity",
        {},
        {
          after: parseCursor(cursor),
        },
      );
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...created].sort((a, b) => a - b));
    // The pinned thread comes first; the rest by last activity, then id, descending.
    const expected = [created[0]!, ...created.slice(1).reverse()];
    expect(seen).toEqual(expected);
  });

  it("has no next page when everything fits", async () => {
    const author = await createTestUser();
    const productId = await createTestProduct();
    await createTestThread(author, { productId });
    const page = await listThreads({ productId }, "activity", {});
    expect(page.threads).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it("round-trips a cursor and rejects malformed ones", () => {
    const cursor = { pinned: 1, key: 1_700_000_000_000, id: 42 };
    expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
    for (const bad of [null, "", "2.1.1", "1.x.3", "1.2", "1.2.3.4", "-1.2.3"]) expect(parseCursor(bad)).toBeNull();
  });
});
