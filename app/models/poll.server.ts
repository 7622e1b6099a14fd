import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import type { PollResults } from "~db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { requireThread } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound, SignInRequired } from "./errors.server";

/**
 * Polls (issue 21): a thread of any kind may carry one, added by its author
 * or staff. Single or multiple choice, 2–10 options, an optional closing
 * time, and counts shown after voting or only after closing, as the author
 * chose. Each vote is a row (option, member), counted when read: a change
 * of vote deletes and inserts in one transaction with the poll locked, so
 * two votes at once never lose or double one.
 */

export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 10;
export const POLL_OPTION_MAX = 120;

export type PollInput = { options: string[]; multiple: boolean; results: PollResults; closesAt: number | null };

export async function addPoll(actor: Actor, threadId: number, input: PollInput): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to add a poll.");
  const options = input.options.map((o) => o.trim()).filter(Boolean);
  ensure(options.length >= POLL_OPTIONS_MIN, Invalid, "options", `Give at least ${POLL_OPTIONS_MIN} options, one per line.`);
  ensure(options.length <= POLL_OPTIONS_MAX, Invalid, "options", `Give at most ${POLL_OPTIONS_MAX} options.`);
  ensure(
    options.every((o) => o.length <= POLL_OPTION_MAX),
    Invalid,
    "options",
    `Keep each option under ${POLL_OPTION_MAX} characters.`,
  );
  ensure(new Set(options.map((o) => o.toLowerCase())).size === options.length, Invalid, "options", "Each option must be different.");
  ensure(input.closesAt === null || input.closesAt > Date.now(), Invalid, "closesAt", "Choose a closing time in the future.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx, { forUpdate: true });
      ensure(can.addPoll(actor, thread), Forbidden, "Only the thread's author or staff can add a poll.");
      const poll = await trx
        .insertInto("polls")
        .values({
          thread_id: threadId,
          multiple: input.multiple ? 1 : 0,
          results: input.results,
          closes_at: input.closesAt,
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.column("thread_id").doNothing())
        .returning("id")
        .executeTakeFirst();
      ensure(poll, Conflict, "options", "This thread already has a poll.");
      await trx
        .insertInto("poll_options")
        .values(options.map((label, position) => ({ poll_id: poll.id, position, label })))
        .execute();
    });
}

const isClosed = (poll: { closes_at: number | null }, now = Date.now()) => poll.closes_at !== null && poll.closes_at <= now;

/** A member's vote: one option, or several in a multiple-choice poll; it replaces their earlier vote until the poll closes. */
export async function castPollVote(actor: Actor, threadId: number, optionIds: number[]): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to vote.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await requireThread(threadId, trx);
      ensure(can.votePoll(actor, thread), Forbidden, "You can't vote in this poll.");
      const poll = await forUpdate(trx.selectFrom("polls").selectAll().where("thread_id", "=", threadId)).executeTakeFirst();
      ensure(poll, NotFound, "This thread has no poll.");
      ensure(!isClosed(poll), Forbidden, "option", "This poll is closed.");
      const chosen = [...new Set(optionIds)];
      ensure(chosen.length > 0, Invalid, "option", "Choose an option.");
      ensure(poll.multiple === 1 || chosen.length === 1, Invalid, "option", "Choose one option.");
      const valid = await trx.selectFrom("poll_options").select("id").where("poll_id", "=", poll.id).where("id", "in", chosen).execute();
      ensure(valid.length === chosen.length, Invalid, "option", "Choose one of the poll's options.");
      await trx.deleteFrom("poll_votes").where("poll_id", "=", poll.id).where("user_id", "=", actor.id).execute();
      const now = Date.now();
      await trx
        .insertInto("poll_votes")
        .values(chosen.map((optionId) => ({ poll_id: poll.id, option_id: optionId, user_id: actor.id, created_at: now })))
        .execute();
    });
}

/**
 * The poll as `viewer` sees it (the caller has checked they may see the
 * thread): its options, their own choice, and the counts once the author's
 * rule allows (after voting, or after closing). Null when there is none.
 */
export async function getPoll(viewer: Actor, threadId: number) {
  const db = getDb();
  const poll = await db.selectFrom("polls").selectAll().where("thread_id", "=", threadId).executeTakeFirst();
  if (!poll) return null;
  const [options, mine, voters] = await Promise.all([
    db
      .selectFrom("poll_options")
      .leftJoin("poll_votes", "poll_votes.option_id", "poll_options.id")
      .select((eb) => ["poll_options.id", "poll_options.label", eb.fn.count<number>("poll_votes.user_id").as("votes")])
      .where("poll_options.poll_id", "=", poll.id)
      .groupBy(["poll_options.id", "poll_options.label", "poll_options.position"])
      .orderBy("poll_options.position")
      .execute(),
    viewer
      ? db.selectFrom("poll_votes").select("option_id").where("poll_id", "=", poll.id).where("user_id", "=", viewer.id).execute()
      : Promise.resolve([]),
    db
      .selectFrom("poll_votes")
      .select((eb) => eb.fn.count<number>("user_id").distinct().as("n"))
      .where("poll_id", "=", poll.id)
      .executeTakeFirstOrThrow(),
  ]);
  const closed = isClosed(poll);
  const voted = mine.length > 0;
  const showResults = closed || (poll.results === "after_vote" && voted);
  return {
    multiple: poll.multiple === 1,
    results: poll.results,
    closesAt: poll.closes_at,
    closed,
    voted,
    showResults,
    voterCount: showResults ? Number(voters.n) : null,
    // Counts stay out of the page's data until they may be shown.
    options: options.map((o) => ({ id: o.id, label: o.label, votes: showResults ? Number(o.votes) : null })),
    mine: mine.map((m) => m.option_id),
  };
}

/** The thread a poll is being added to, for its form: only its author or staff get it. */
export async function getPollTarget(actor: Actor, threadId: number) {
  const thread = await requireThread(threadId);
  ensure(can.addPoll(actor, thread), Forbidden, "Only the thread's author or staff can add a poll.");
  const existing = await getDb().selectFrom("polls").select("id").where("thread_id", "=", threadId).executeTakeFirst();
  return { id: thread.id, title: thread.title, hasPoll: existing !== undefined };
}
