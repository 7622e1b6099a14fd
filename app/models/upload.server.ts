import { randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { forUpdate } from "~db/engine.server";
import { can, type Actor } from "~/auth/permissions.server";
import { config } from "~/config.server";
import { duration } from "~/http/rate-limit.server";
import { cleanImage, ImageRefused, imageTypes } from "~/uploads/image.server";
import { imageProblemMessage, type ImageProblem } from "~/utils/image-problems";
import { imageStore } from "~/uploads/storage.server";
import { recordAudit } from "./audit.server";
import { stateOf, type ContentRef } from "./content.server";
import { ensure, Forbidden, Invalid, NotFound, RateLimited, SignInRequired } from "./errors.server";
import { isTrusted } from "./posting-limits.server";
import { saveDraft } from "./draft.server";

/**
 * Images members attach to posts. Each is checked and re-encoded
 * (app/uploads/image.server.ts), kept in the image store under a random
 * name, and recorded here; the post that first shows it is noted when that
 * post is saved, and while that post is deleted (or once staff remove the
 * image) it is not served.
 */

const DAY = 24 * 3600 * 1000;

/** The form field the image comes in, where refusals are shown. */
export const IMAGE_FIELD = "image";

/** A file refused for what it is; `problem` lets a page without JavaScript say which (app/utils/image-problems.ts). */
export class ImageNotAccepted extends Invalid {
  constructor(readonly problem: ImageProblem) {
    super(IMAGE_FIELD, imageProblemMessage(problem, config().UPLOAD_MAX_BYTES));
  }
}

/** A stored image's path on this site: the only image addresses the Markdown renderer keeps besides other own paths. */
export const uploadPath = (storageKey: string) => `/uploads/${storageKey}`;

/** Image alt text from a file name: readable words, nothing Markdown or HTML would read as markup. */
export function altFromFileName(name: string): string {
  const words = name
    .replace(/\.[a-z0-9]{1,5}$/i, "")
    .replace(/[^\p{L}\p{N} _-]+/gu, " ")
    .replace(/[_-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return words || "image";
}

export type Uploaded = { path: string; markdown: string; width: number; height: number };

/** New members may upload only so many images a day; counted with the member's row locked, so two uploads at once can't both take the last one. */
async function assertWithinUploadLimit(trx: Transaction<Database>, actor: NonNullable<Actor>, now: number) {
  if (await isTrusted(trx, actor, now)) return;
  await forUpdate(trx.selectFrom("users").select("id").where("id", "=", actor.id)).executeTakeFirst();
  const limit = config().NEW_MEMBER_UPLOADS_PER_DAY;
  const recent = await trx
    .selectFrom("uploads")
    .select("created_at")
    .where("user_id", "=", actor.id)
    .where("created_at", ">", now - DAY)
    .orderBy("created_at")
    .execute();
  if (recent.length < limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]!.created_at + DAY - now) / 1000));
  throw new RateLimited(
    IMAGE_FIELD,
    `New members can attach ${limit} images a day, and you've reached that. You can attach more in ${duration(retryAfterSeconds)}.`,
    retryAfterSeconds,
  );
}

export async function uploadImage(actor: Actor, file: { bytes: Uint8Array; name: string }): Promise<Uploaded> {
  ensure(actor, SignInRequired, "Sign in to attach images.");
  ensure(can.uploadImage(actor), Forbidden, IMAGE_FIELD, "You can't attach images right now.");
  const settings = config();
  let clean;
  try {
    clean = await cleanImage(file.bytes, { maxBytes: settings.UPLOAD_MAX_BYTES, maxPixels: settings.UPLOAD_MAX_PIXELS });
  } catch (error) {
    if (error instanceof ImageRefused) throw new ImageNotAccepted(error.problem);
    throw error;
  }
  const id = randomBytes(16).toString("hex");
  const { contentType, ext } = imageTypes[clean.type];
  const storageKey = `${id}.${ext}`;
  const store = imageStore();
  await store.put(storageKey, clean.bytes);
  try {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        const now = Date.now();
        await assertWithinUploadLimit(trx, actor, now);
        await trx
          .insertInto("uploads")
          .values({
            id,
            user_id: actor.id,
            storage_key: storageKey,
            content_type: contentType,
            bytes: clean.bytes.length,
            width: clean.width,
            height: clean.height,
            created_at: now,
          })
          .execute();
      });
  } catch (error) {
    await store.delete(storageKey);
    throw error;
  }
  const path = uploadPath(storageKey);
  return { path, markdown: `![${altFromFileName(file.name)}](${path})`, width: clean.width, height: clean.height };
}

const STORAGE_KEY = /^[0-9a-f]{32}\.(png|jpg|webp|gif)$/;
const USED = /\/uploads\/([0-9a-f]{32}\.(?:png|jpg|webp|gif))/g;

/** The stored images a post's HTML shows. */
export function uploadsIn(html: string): string[] {
  return [...new Set([...html.matchAll(USED)].map((m) => m[1]!))];
}

/** Notes the post that first shows each of its images (inside the post's write): that post's deletion then takes them down. */
export async function attachUploads(trx: Transaction<Database>, to: { threadId: number } | { postId: number }, html: string) {
  const keys = uploadsIn(html);
  if (keys.length === 0) return;
  await trx
    .updateTable("uploads")
    .set("threadId" in to ? { thread_id: to.threadId } : { post_id: to.postId })
    .where("storage_key", "in", keys)
    .where("thread_id", "is", null)
    .where("post_id", "is", null)
    .execute();
}

/** An image to serve: its bytes and type, or null (no such image, removed by staff, or its post is deleted). */
export async function servableImage(storageKey: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!STORAGE_KEY.test(storageKey)) return null;
  const row = await getDb()
    .selectFrom("uploads")
    .leftJoin("posts", "posts.id", "uploads.post_id")
    .leftJoin("threads", (join) => join.onRef("threads.id", "=", "uploads.thread_id"))
    .leftJoin("threads as reply_threads", "reply_threads.id", "posts.thread_id")
    .select([
      "uploads.content_type as contentType",
      "uploads.removed_at as removedAt",
      "posts.author_id as postAuthor",
      "posts.hidden_at as postHidden",
      "posts.deleted_at as postDeleted",
      "threads.author_id as threadAuthor",
      "threads.hidden_at as threadHidden",
      "threads.deleted_at as threadDeleted",
      "reply_threads.author_id as replyThreadAuthor",
      "reply_threads.hidden_at as replyThreadHidden",
      "reply_threads.deleted_at as replyThreadDeleted",
    ])
    .where("uploads.storage_key", "=", storageKey)
    .executeTakeFirst();
  if (!row || row.removedAt !== null) return null;
  // Only deletion stops an image (its address is unguessable, like a private post's own URL): group_id plays no part here.
  const shownIn = [
    { author_id: row.postAuthor, hidden_at: row.postHidden, deleted_at: row.postDeleted, group_id: null },
    { author_id: row.threadAuthor, hidden_at: row.threadHidden, deleted_at: row.threadDeleted, group_id: null },
    { author_id: row.replyThreadAuthor, hidden_at: row.replyThreadHidden, deleted_at: row.replyThreadDeleted, group_id: null },
  ].filter(
    (content): content is { author_id: number; hidden_at: number | null; deleted_at: number | null; group_id: null } =>
      content.author_id !== null,
  );
  if (shownIn.some((content) => stateOf(content) === "deleted")) return null;
  const bytes = await imageStore().get(storageKey);
  return bytes ? { bytes, contentType: row.contentType } : null;
}

/** The images a thread's opening post or a reply first showed, for staff tools (each can be removed). */
export async function imagesOf(ref: ContentRef) {
  const rows = await getDb()
    .selectFrom("uploads")
    .select(["storage_key as storageKey", "removed_at as removedAt", "width", "height"])
    .where(ref.type === "thread" ? "thread_id" : "post_id", "=", ref.id)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({ ...row, path: uploadPath(row.storageKey) }));
}

/** Staff take an image down everywhere it is shown; its bytes are deleted and the audit log says who and why. */
export async function removeImage(actor: Actor, storageKey: string, reason: string): Promise<void> {
  ensure(actor && can.removeImage(actor), Forbidden, "Only staff can remove images.");
  ensure(STORAGE_KEY.test(storageKey), NotFound, "We couldn't find that image.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const upload = await forUpdate(
        trx.selectFrom("uploads").select(["id", "removed_at", "thread_id", "post_id", "user_id"]).where("storage_key", "=", storageKey),
      ).executeTakeFirst();
      ensure(upload, NotFound, "We couldn't find that image.");
      if (upload.removed_at !== null) return;
      await trx.updateTable("uploads").set({ removed_at: Date.now(), removed_by: actor.id }).where("id", "=", upload.id).execute();
      const target =
        upload.post_id !== null
          ? { targetType: "post" as const, targetId: upload.post_id }
          : upload.thread_id !== null
            ? { targetType: "thread" as const, targetId: upload.thread_id }
            : { targetType: "user" as const, targetId: upload.user_id };
      await recordAudit(trx, { actorId: actor.id, action: "image.remove", ...target, reason, detail: storageKey });
    });
  await imageStore().delete(storageKey);
}

/**
 * Without JavaScript the whole form came with the image: its text, with the
 * image's Markdown added, is kept as the member's draft for that place, and
 * the page it came from (with the refusal, if any) is where they go back to.
 */
export async function attachFromForm(
  actor: NonNullable<Actor>,
  formData: FormData,
  uploaded: Uploaded | null,
  back: string,
  problem?: ImageProblem,
): Promise<string> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const draft = text("draft");
  if (draft) {
    const body = uploaded ? [text("body").trimEnd(), uploaded.markdown].filter(Boolean).join("\n\n") : text("body");
    await saveDraft(actor, draft, { title: text("title") || null, body });
  }
  const url = new URL(back, "http://here.invalid");
  url.searchParams.delete("image-error");
  if (problem) url.searchParams.set("image-error", problem);
  return `${url.pathname}${url.search}#${problem ? "image-error" : "body"}`;
}
