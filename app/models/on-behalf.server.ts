import type { Transaction } from "kysely";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { requireThread } from "./content.server";
import { ensure, Forbidden, Invalid, NotFound } from "./errors.server";
import { notify } from "./notification.server";
import { followAutomatically } from "./subscription.server";

/**
 * Feedback staff record on behalf of a customer account, from a call or a
 * ticket: the account, optionally the person who asked, and their use case in
 * their own words.
 *
 * How it counts: with a person, it is that person's own vote (the public
 * count goes up by one, they are notified, and they can take it back like
 * any vote of theirs). Without a person it counts toward the account's demand
 * (staff's /admin/demand and the idea's demand panel) but not toward the
 * public vote count: that count is people who voted, and a company on a call
 * is not a person anyone could ask or who could take it back.
 */

export type OnBehalfInput = { account: number; person: string | null; useCase: string | null };

/** Adds the person's vote if they have none yet; true when it did. */
async function castVote(trx: Transaction<Database>, threadId: number, userId: number): Promise<boolean> {
  const inserted = await trx
    .insertInto("votes")
    .values({ thread_id: threadId, user_id: userId, created_at: Date.now() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows) !== 1) return false;
  await trx
    .updateTable("threads")
    .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
    .where("id", "=", threadId)
    .execute();
  await followAutomatically(trx, threadId, userId, "status");
  return true;
}

/**
 * Staff record a customer's feedback on an idea. A second record for the
 * same person (or the same account without a person) replaces the first's
 * use case. The person named must belong to the account.
 */
export async function recordOnBehalf(actor: Actor, threadId: number, input: OnBehalfInput): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(thread.kind === "idea", Invalid, "Only ideas take votes.");
      ensure(
        can.recordOnBehalf(actor, thread),
        Forbidden,
        "Only staff can record feedback on a customer's behalf, on an idea open to votes.",
      );
      const account = await trx.selectFrom("accounts").select(["id", "name"]).where("id", "=", input.account).executeTakeFirst();
      ensure(account, NotFound, "account", "We couldn't find that account.");
      let personId: number | null = null;
      if (input.person) {
        const person = await trx
          .selectFrom("users")
          .select(["id", "account_id"])
          .where("username", "=", input.person.replace(/^@/, "").toLowerCase())
          .executeTakeFirst();
        ensure(person, NotFound, "person", `No one is called “${input.person}”.`);
        ensure(
          person.account_id === account.id,
          Invalid,
          "person",
          `@${input.person.replace(/^@/, "")} isn't a member of ${account.name}.`,
        );
        personId = person.id;
      }
      const row = { thread_id: threadId, account_id: account.id, user_id: personId, recorded_by: actor!.id, use_case: input.useCase ?? "" };
      const update = { recorded_by: actor!.id, use_case: input.useCase ?? "", account_id: account.id, created_at: Date.now() };
      await trx
        .insertInto("on_behalf_votes")
        .values({ ...row, created_at: Date.now() })
        .onConflict((oc) =>
          personId === null
            ? oc.columns(["thread_id", "account_id"]).where("user_id", "is", null).doUpdateSet(update)
            : oc.columns(["thread_id", "user_id"]).where("user_id", "is not", null).doUpdateSet(update),
        )
        .execute();
      if (personId !== null) {
        await castVote(trx, threadId, personId);
        await notify(trx, [personId], { kind: "on_behalf_vote", threadId, actorId: actor!.id, detail: account.name });
      }
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "idea.on_behalf",
        targetType: "thread",
        targetId: threadId,
        detail: `${account.name}${input.person ? ` (@${input.person.replace(/^@/, "")})` : ""}`,
      });
    });
}

/**
 * Staff take back a record (entered by mistake): a record naming a person
 * takes that person's vote with it, as it was cast on their behalf.
 */
export async function removeOnBehalf(actor: Actor, threadId: number, recordId: number): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(can.recordOnBehalf(actor, thread), Forbidden, "Only staff can remove feedback recorded on a customer's behalf.");
      const record = await trx
        .deleteFrom("on_behalf_votes")
        .where("id", "=", recordId)
        .where("thread_id", "=", threadId)
        .returning(["user_id", "account_id"])
        .executeTakeFirst();
      ensure(record, NotFound, "That feedback was already removed.");
      if (record.user_id !== null) await dropVote(trx, threadId, record.user_id);
      await recordAudit(trx, { actorId: actor!.id, action: "idea.on_behalf_remove", targetType: "thread", targetId: threadId });
    });
}

async function dropVote(trx: Transaction<Database>, threadId: number, userId: number): Promise<void> {
  const deleted = await trx.deleteFrom("votes").where("thread_id", "=", threadId).where("user_id", "=", userId).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 1) {
    await trx
      .updateTable("threads")
      .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
      .where("id", "=", threadId)
      .execute();
  }
}

/** When a person takes their vote back, what staff recorded on their behalf on that idea goes with it (inside the unvote's transaction). */
export async function forgetOnBehalf(trx: Transaction<Database>, threadId: number, userId: number): Promise<void> {
  await trx.deleteFrom("on_behalf_votes").where("thread_id", "=", threadId).where("user_id", "=", userId).execute();
}

export type OnBehalfRecord = {
  id: number;
  accountName: string;
  personId: number | null;
  personUsername: string | null;
  personDisplayName: string | null;
  recordedByUsername: string | null;
  recordedByDisplayName: string | null;
  useCase: string;
  createdAt: number;
};

/**
 * The feedback recorded on an idea that this viewer may read (can.readOnBehalf):
 * staff read every record; a member only their own account's; visitors none.
 */
export async function listOnBehalf(viewer: Actor, threadId: number): Promise<OnBehalfRecord[]> {
  if (!viewer) return [];
  const own = await getDb().selectFrom("users").select("account_id").where("id", "=", viewer.id).executeTakeFirst();
  const viewerAccountId = own?.account_id ?? null;
  const staffSight = can.readDemand(viewer);
  if (!staffSight && viewerAccountId === null) return [];
  const rows = await getDb()
    .selectFrom("on_behalf_votes as r")
    .innerJoin("accounts", "accounts.id", "r.account_id")
    .leftJoin("users as person", "person.id", "r.user_id")
    .leftJoin("users as recorder", "recorder.id", "r.recorded_by")
    .select([
      "r.id",
      "r.account_id as accountId",
      "accounts.name as accountName",
      "r.user_id as personId",
      "person.username as personUsername",
      "person.display_name as personDisplayName",
      "recorder.username as recordedByUsername",
      "recorder.display_name as recordedByDisplayName",
      "r.use_case as useCase",
      "r.created_at as createdAt",
    ])
    .where("r.thread_id", "=", threadId)
    .$if(!staffSight, (q) => q.where("r.account_id", "=", viewerAccountId!))
    .orderBy("r.created_at")
    .orderBy("r.id")
    .execute();
  return rows.filter((r) => can.readOnBehalf(viewer, viewerAccountId, r.accountId)).map(({ accountId: _accountId, ...r }) => r);
}
