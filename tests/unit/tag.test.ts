import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createTag, deleteTag, listTags, renameTag, threadTagIds } from "~/models/tag.server";
import { createThread, editThread } from "~/models/thread.server";
import { parseForm, threadEditSchema } from "~/utils/validation.server";
import { createTestProduct, createTestThread, createTestUser, refusalOf, statusOf } from "./factories";

async function makeTags(count: number, prefix: string) {
  const staff = await createTestUser({ role: "staff" });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const tag = await createTag(staff, { name: `${prefix} ${i}`, slug: `${prefix}-${i}` });
    ids.push(tag.id);
  }
  return ids;
}

describe("managing tags", () => {
  it("lets staff and admins create, rename and delete tags, and nobody else", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    expect(await statusOf(() => createTag(member, { name: "Nope", slug: "nope" }))).toBe(403);
    expect(await statusOf(() => createTag(null, { name: "Nope", slug: "nope" }))).toBe(403);

    const created = await createTag(staff, { name: "Exports", slug: "exports" });
    expect(await statusOf(() => renameTag(member, created.id, { name: "Hacked", slug: "hacked" }))).toBe(403);
    expect(await statusOf(() => deleteTag(member, created.id))).toBe(403);

    const renamed = await renameTag(admin, created.id, { name: "CSV exports", slug: "csv-exports" });
    expect(renamed).toMatchObject({ name: "CSV exports", slug: "csv-exports" });
    await deleteTag(staff, created.id);
    expect((await listTags()).map((t) => t.slug)).not.toContain("csv-exports");
    expect(await statusOf(() => deleteTag(staff, created.id))).toBe(404);
  });

  it("refuses a slug or name another tag has", async () => {
    const staff = await createTestUser({ role: "staff" });
    await createTag(staff, { name: "Mobile", slug: "mobile" });
    expect((await refusalOf(() => createTag(staff, { name: "mobile", slug: "mobile-app" }))).fields).toEqual({
      name: "Another tag already has this name.",
    });
    expect((await refusalOf(() => createTag(staff, { name: "Phones", slug: "mobile" }))).fields).toEqual({
      slug: "Another tag already uses this slug.",
    });
  });

  it("removes a deleted tag from its threads", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const [tagId] = await makeTags(1, "gone");
    const threadId = await createThread(author, {
      productId: await createTestProduct(),
      kind: "discussion",
      title: "Tagged",
      body: "x",
      tagIds: [tagId!],
    });
    await deleteTag(staff, tagId!);
    expect(await threadTagIds(threadId)).toEqual([]);
  });
});

describe("tagging threads", () => {
  it("takes up to five tags and refuses a sixth", async () => {
    const author = await createTestUser();
    const tags = await makeTags(6, "limit");
    const productId = await createTestProduct();
    const id = await createThread(author, { productId, kind: "question", title: "Five tags", body: "x", tagIds: tags.slice(0, 5) });
    expect((await threadTagIds(id)).sort()).toEqual(tags.slice(0, 5).sort());
    expect(await statusOf(() => createThread(author, { productId, kind: "question", title: "Six tags", body: "x", tagIds: tags }))).toBe(
      400,
    );
    expect(await statusOf(() => editThread(author, id, { title: "Five tags", body: "x", tagIds: tags }))).toBe(400);
    expect((await threadTagIds(id)).sort()).toEqual(tags.slice(0, 5).sort());
    // Nothing of the refused thread was stored.
    expect(await getDb().selectFrom("threads").select("id").where("title", "=", "Six tags").execute()).toEqual([]);
  });

  it("says so in the form when six boxes are checked", () => {
    const form = new FormData();
    form.set("title", "A title");
    form.set("body", "Body");
    for (const id of [1, 2, 3, 4, 5, 6]) form.append("tags", String(id));
    const parsed = parseForm(threadEditSchema, form);
    expect(parsed).toMatchObject({ ok: false, errors: { tags: "Choose at most 5 tags." }, values: { tags: "1,2,3,4,5,6" } });
  });

  it("lets only the author (or staff) change a thread's tags", async () => {
    const author = await createTestUser();
    const other = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const [a, b] = await makeTags(2, "owner");
    const id = await createTestThread(author, { title: "Mine", body: "x" });
    expect(await statusOf(() => editThread(other, id, { title: "Mine", body: "x", tagIds: [a!] }))).toBe(403);
    expect(await threadTagIds(id)).toEqual([]);
    await editThread(author, id, { title: "Mine", body: "x", tagIds: [a!] });
    await editThread(staff, id, { title: "Mine", body: "x", tagIds: [a!, b!] });
    expect((await threadTagIds(id)).sort()).toEqual([a!, b!].sort());
  });

  it("refuses a tag that doesn't exist", async () => {
    const author = await createTestUser();
    const id = await createTestThread(author);
    expect(await statusOf(() => editThread(author, id, { title: "Thread", body: "x", tagIds: [999_999] }))).toBe(400);
  });
});
