import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { requireThread, visibleTo } from "./content.server";
import { ensure, Forbidden, Invalid } from "./errors.server";

/**
 * Announcements (issue 21) are threads staff post with createThread's
 * `announcement`: pinned at the top of their product's lists (or of every
 * list, site-wide) until they expire or staff unpin them. Who sees one is
 * the one visibility rule, as for any thread.
 */

/** The pinned announcements over a list: the product's and the site's (productId null: the home page, the site's only). */
export async function listAnnouncements(viewer: Actor, productId: number | null, now = Date.now()) {
  return getDb()
    .selectFrom("threads")
    .select(["threads.id", "threads.title", "threads.created_at as createdAt", "threads.announcement_scope as scope"])
    .where("threads.announcement_pinned", "=", 1)
    .where((eb) =>
      eb.or([
        eb("threads.announcement_scope", "=", "site"),
        ...(productId === null
          ? []
          : [eb.and([eb("threads.announcement_scope", "=", "product"), eb("threads.product_id", "=", productId)])]),
      ]),
    )
    .where((eb) => eb.or([eb("threads.announcement_expires_at", "is", null), eb("threads.announcement_expires_at", ">", now)]))
    .where(visibleTo(viewer))
    .orderBy("threads.created_at", "desc")
    .limit(5)
    .execute();
}

/** Staff unpin an announcement: it stays a thread, no longer above the lists. */
export async function unpinAnnouncement(actor: Actor, threadId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(can.announce(actor), Forbidden, "Only staff can unpin announcements.");
      const result = await trx
        .updateTable("threads")
        .set({ announcement_pinned: 0 })
        .where("id", "=", threadId)
        .where("announcement_pinned", "=", 1)
        .executeTakeFirst();
      ensure(Number(result.numUpdatedRows) === 1, Invalid, "This thread is not a pinned announcement.");
      await recordAudit(trx, { actorId: actor!.id, action: "announcement.unpin", targetType: "thread", targetId: thread.id });
    });
}
