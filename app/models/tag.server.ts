import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database, Db, Tag } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { publicContent } from "./content.server";
import { MAX_TAGS } from "~/utils/form-limits";
import { ensure, Forbidden, Invalid, NotFound, refusingTaken } from "./errors.server";

export type TagInput = { name: string; slug: string };
export type TagLabel = { slug: string; name: string };

export async function listTags(): Promise<Tag[]> {
  return getDb().selectFrom("tags").selectAll().orderBy("name").execute();
}

/** Every tag with how many threads everyone may see carry it: a public figure, the same for every viewer. */
export async function listTagsWithCounts() {
  return getDb()
    .selectFrom("tags")
    .select((eb) => [
      "tags.id",
      "tags.slug",
      "tags.name",
      eb
        .selectFrom("thread_tags")
        .innerJoin("threads", "threads.id", "thread_tags.thread_id")
        .select((t) => t.fn.countAll<number>().as("n"))
        .whereRef("thread_tags.tag_id", "=", "tags.id")
        .where(publicContent())
        .as("threadCount"),
    ])
    .orderBy("tags.name")
    .execute();
}

export async function getTagBySlug(slug: string) {
  return getDb().selectFrom("tags").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** The refusal of a slug or a name another tag has, next to its field (both, when both are taken), or null. */
async function tagClashes(db: Db, input: TagInput, exceptId: number | null): Promise<Invalid | null> {
  const rows = await db
    .selectFrom("tags")
    .select(["id", "slug", "name"])
    .where((eb) => eb.or([eb("slug", "=", input.slug), eb("name", "=", input.name)]))
    .execute();
  const others = rows.filter((r) => r.id !== exceptId);
  const clashes: [field: string, message: string][] = [];
  if (others.some((r) => r.slug === input.slug)) clashes.push(["slug", "Another tag already uses this slug."]);
  if (others.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) clashes.push(["name", "Another tag already has this name."]);
  const [first, ...more] = clashes;
  return first ? more.reduce((refusal, [field, message]) => refusal.and(field, message), new Invalid(...first)) : null;
}

async function refuseClashes(db: Db, input: TagInput, exceptId: number | null): Promise<void> {
  const refusal = await tagClashes(db, input, exceptId);
  if (refusal) throw refusal;
}

export async function createTag(actor: Actor, input: TagInput): Promise<Tag> {
  ensure(can.manageTags(actor), Forbidden, "Only staff can manage tags.");
  return refusingTaken(
    () =>
      getDb()
        .transaction()
        .execute(async (trx) => {
          await refuseClashes(trx, input, null);
          return trx
            .insertInto("tags")
            .values({ ...input, created_at: Date.now() })
            .returningAll()
            .executeTakeFirstOrThrow();
        }),
    () => tagClashes(getDb(), input, null),
  );
}

/** Renames a tag (name and slug); the threads keep it. */
export async function renameTag(actor: Actor, id: number, input: TagInput): Promise<Tag> {
  ensure(can.manageTags(actor), Forbidden, "Only staff can manage tags.");
  return refusingTaken(
    () =>
      getDb()
        .transaction()
        .execute(async (trx) => {
          await refuseClashes(trx, input, id);
          const tag = await trx.updateTable("tags").set(input).where("id", "=", id).returningAll().executeTakeFirst();
          ensure(tag, NotFound, "We couldn't find that tag.");
          return tag;
        }),
    () => tagClashes(getDb(), input, id),
  );
}

/** Deletes a tag; it disappears from every thread that had it. */
export async function deleteTag(actor: Actor, id: number): Promise<void> {
  ensure(can.manageTags(actor), Forbidden, "Only staff can manage tags.");
  const result = await getDb().deleteFrom("tags").where("id", "=", id).executeTakeFirst();
  ensure(result.numDeletedRows > 0n, NotFound, "We couldn't find that tag.");
}

/**
 * Replaces a thread's tags inside the caller's transaction. The caller has
 * checked that the actor may edit the thread; this checks the tags.
 */
export async function replaceThreadTags(trx: Transaction<Database>, threadId: number, tagIds: number[]): Promise<void> {
  const unique = [...new Set(tagIds)];
  ensure(unique.length <= MAX_TAGS, Invalid, `A thread can have at most ${MAX_TAGS} tags.`);
  if (unique.length > 0) {
    const known = await trx.selectFrom("tags").select("id").where("id", "in", unique).execute();
    ensure(known.length === unique.length, Invalid, "One of those tags doesn't exist any more.");
  }
  await trx.deleteFrom("thread_tags").where("thread_id", "=", threadId).execute();
  if (unique.length > 0) {
    await trx
      .insertInto("thread_tags")
      .values(unique.map((tagId) => ({ thread_id: threadId, tag_id: tagId })))
      .execute();
  }
}

export async function threadTagIds(threadId: number): Promise<number[]> {
  const rows = await getDb().selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId).execute();
  return rows.map((r) => r.tag_id);
}

/** The tags of many threads in one query, for lists. */
export async function tagsOfThreads(threadIds: number[]): Promise<Map<number, TagLabel[]>> {
  const byThread = new Map<number, TagLabel[]>();
  if (threadIds.length === 0) return byThread;
  const rows = await getDb()
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select(["thread_tags.thread_id as threadId", "tags.slug", "tags.name"])
    .where("thread_tags.thread_id", "in", threadIds)
    .orderBy("tags.name")
    .execute();
  for (const { threadId, slug, name } of rows) {
    const list = byThread.get(threadId) ?? [];
    list.push({ slug, name });
    byThread.set(threadId, list);
  }
  return byThread;
}

/** Adds each row's tags: lists show them next to the title. */
export async function withTags<T extends { id: number }>(rows: T[]): Promise<(T & { tags: TagLabel[] })[]> {
  const tags = await tagsOfThreads(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}
