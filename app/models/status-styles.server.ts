import { createHash } from "node:crypto";
import { getDb } from "~db/client.server";
import type { Db, IdeaStatus } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { ideaStatuses, type ShownStatus } from "~/utils/idea-status";
import { defaultStatusStyles, isColour, LABEL_MAX, statusStylesCss, type StatusStyles } from "~/utils/status-styles";
import { recordAudit } from "./audit.server";
import { requireThread } from "./content.server";
import { putSetting } from "./site-settings.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound } from "./errors.server";

/**
 * The labels and colours admins give the statuses, and their sub-statuses
 * (app/utils/status-styles.ts says what they are). Labels and colours live
 * in the settings table as one JSON value; sub-statuses in idea_substatuses.
 */

const KEY = "status_styles";
export const MAX_SUBSTATUSES = 30;

type Stored = Partial<Record<ShownStatus, { label?: string; colour?: string | null }>>;

function readStored(value: string | undefined): Stored {
  try {
    const parsed: unknown = value ? JSON.parse(value) : {};
    return parsed && typeof parsed === "object" ? (parsed as Stored) : {};
  } catch {
    return {};
  }
}

export async function getStatusStyles(db: Db = getDb()): Promise<StatusStyles> {
  const [row, substatuses] = await Promise.all([
    db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst(),
    db
      .selectFrom("idea_substatuses")
      .select(["id", "status", "label", "colour"])
      .orderBy("status")
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const stored = readStored(row?.value);
  const statuses = { ...defaultStatusStyles.statuses };
  for (const status of Object.keys(statuses) as ShownStatus[]) {
    const own = stored[status];
    statuses[status] = {
      label: own?.label || statuses[status].label,
      colour: own?.colour && isColour(own.colour) ? own.colour.toLowerCase() : null,
    };
  }
  return { statuses, substatuses };
}

/**
 * Where pages find the colours admins chose: a stylesheet of our own (the
 * CSP allows no inline style) whose address changes with them; null when
 * no status has a colour of its own.
 */
export function statusStylesheetHref(styles: StatusStyles): string | null {
  const css = statusStylesCss(styles);
  return css ? `/status-styles.css?v=${createHash("sha256").update(css).digest("hex").slice(0, 12)}` : null;
}

/** The label of each status as the site names it, for text written on the server (feeds, emails, audit, exports). */
export async function statusLabelsNow(db: Db = getDb()): Promise<(status: ShownStatus) => string> {
  const { statuses } = await getStatusStyles(db);
  return (status) => statuses[status]?.label ?? status;
}

function requireStatusAdmin(actor: Actor): asserts actor is NonNullable<Actor> {
  ensure(actor && can.manageStatuses(actor), Forbidden, "Only admins can rename statuses and change their colours.");
}

function checkLabel(label: string) {
  ensure(label.length > 0, Invalid, "label", "Give the status a name.");
  ensure(label.length <= LABEL_MAX, Invalid, "label", `Keep the name to ${LABEL_MAX} characters or fewer.`);
}

function checkColour(colour: string) {
  ensure(isColour(colour), Invalid, "colour", "Choose a colour like #1d4fa8.");
}

/** Renames a status and sets (or, with an empty colour, removes) its colour. The key the status has everywhere else stays. */
export async function updateStatusStyle(actor: Actor, status: ShownStatus, input: { label: string; colour: string }): Promise<void> {
  requireStatusAdmin(actor);
  ensure(status in defaultStatusStyles.statuses, NotFound, "There is no such status.");
  const label = input.label.trim();
  const colour = input.colour.trim().toLowerCase();
  checkLabel(label);
  if (colour) checkColour(colour);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
      const stored = readStored(row?.value);
      const before = stored[status]?.label || defaultStatusStyles.statuses[status].label;
      stored[status] = { label, colour: colour || null };
      const value = JSON.stringify(stored);
      await putSetting(trx, KEY, value);
      await recordAudit(trx, {
        actorId: actor.id,
        action: "status.style",
        targetType: "site",
        targetId: null,
        detail: `${status}: "${before}" → "${label}"${colour ? ` ${colour}` : ""}`,
      });
    });
}

export async function addSubstatus(actor: Actor, input: { status: IdeaStatus; label: string; colour: string }): Promise<void> {
  requireStatusAdmin(actor);
  ensure((ideaStatuses as readonly string[]).includes(input.status), Invalid, "status", "Choose the status it belongs to.");
  const label = input.label.trim();
  const colour = input.colour.trim().toLowerCase();
  checkLabel(label);
  checkColour(colour);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const { n } = await trx
        .selectFrom("idea_substatuses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      ensure(Number(n) < MAX_SUBSTATUSES, Conflict, "label", `There can be at most ${MAX_SUBSTATUSES} sub-statuses.`);
      const inserted = await trx
        .insertInto("idea_substatuses")
        .values({ status: input.status, label, colour, position: Number(n), created_at: Date.now() })
        .onConflict((oc) => oc.columns(["status", "label"]).doNothing())
        .executeTakeFirst();
      ensure(Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1, Conflict, "label", "That status already has a sub-status of this name.");
      await recordAudit(trx, {
        actorId: actor.id,
        action: "status.substatus_add",
        targetType: "site",
        targetId: null,
        detail: `${input.status}: ${label}`,
      });
    });
}

/** Removes a sub-status; the ideas at it keep their status (the foreign key clears their sub-status). */
export async function removeSubstatus(actor: Actor, substatusId: number): Promise<void> {
  requireStatusAdmin(actor);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const sub = await trx.selectFrom("idea_substatuses").select(["status", "label"]).where("id", "=", substatusId).executeTakeFirst();
      ensure(sub, NotFound, "That sub-status no longer exists.");
      await trx.updateTable("threads").set({ substatus_id: null }).where("substatus_id", "=", substatusId).execute();
      await trx.deleteFrom("idea_substatuses").where("id", "=", substatusId).execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "status.substatus_remove",
        targetType: "site",
        targetId: null,
        detail: `${sub.status}: ${sub.label}`,
      });
    });
}

/** Staff put an idea at one of its status's sub-statuses, or at none. */
export async function setIdeaSubstatus(actor: Actor, threadId: number, substatusId: number | null): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "idea", NotFound, "That thread is not an idea.");
      ensure(actor && can.changeStatus(actor, thread), Forbidden, "Only staff can change an idea's status.");
      let label = "none";
      if (substatusId !== null) {
        const sub = await trx.selectFrom("idea_substatuses").select(["status", "label"]).where("id", "=", substatusId).executeTakeFirst();
        ensure(sub && sub.status === (thread.status ?? "open"), Invalid, "substatus", "Choose a sub-status of the idea's current status.");
        label = sub.label;
      }
      ensure(thread.substatus_id !== substatusId, Conflict, "substatus", "The idea is already there.");
      await trx.updateTable("threads").set({ substatus_id: substatusId }).where("id", "=", threadId).execute();
      await recordAudit(trx, { actorId: actor.id, action: "idea.substatus", targetType: "thread", targetId: threadId, detail: label });
    });
}
