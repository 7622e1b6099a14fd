import type { Actor } from "~/auth/permissions.server";
import { requireVisibleContent, type ContentRef } from "./content.server";

/**
 * The thread a post or thread belongs to, for a focused page's heading and the
 * way back, with the state staff tools start from. A 404 for what the viewer
 * may not see, as everywhere (requireVisibleContent).
 */
export async function getContentSummary(ref: ContentRef, viewer: Actor) {
  const content = await requireVisibleContent(viewer, ref);
  return {
    threadId: content.threadId,
    title: content.threadTitle,
    hiddenAt: content.hidden_at,
    deletedAt: content.deleted_at,
    pinned: content.pinned,
    locked: content.locked,
    closedAt: content.closedAt,
    productId: content.productId,
  };
}
