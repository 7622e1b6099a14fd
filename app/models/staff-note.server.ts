import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { renderNote } from "./post-text.server";
import { requireThread } from "./content.server";
import { ensure, Forbidden } from "./errors.server";

/** Internal notes on an idea. Only staff can read them; every read goes through here. */
export async function listStaffNotes(actor: Actor, threadId: number) {
  ensure(can.readStaffNotes(actor), Forbidden, "Staff notes are for staff only.");
  return getDb()
    .selectFrom("staff_notes")
    .innerJoin("users", "users.id", "staff_notes.author_id")
    .select([
      "staff_notes.id",
      "staff_notes.body_html as bodyHtml",
      "staff_notes.created_at as createdAt",
      "users.username as authorUsername",
      "users.display_name as authorDisplayName",
    ])
    .where("staff_notes.thread_id", "=", threadId)
    .orderBy("staff_notes.id")
    .execute();
}

/** The note and its audit entry are written together. */
export async function addStaffNote(actor: Actor, threadId: number, body: string): Promise<void> {
  const thread = await requireThread(threadId);
  ensure(actor && can.writeStaffNote(actor, thread), Forbidden, "Only staff can write staff notes.");
  const bodyHtml = renderNote(body, "body");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const note = await trx
        .insertInto("staff_notes")
        .values({ thread_id: threadId, author_id: actor.id, body, body_html: bodyHtml, created_at: Date.now() })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "idea.staff_note",
        targetType: "thread",
        targetId: threadId,
        detail: `note #${note.id}`,
      });
    });
}
