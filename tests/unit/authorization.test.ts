import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import type { Actor } from "~/auth/permissions.server";
import { getEmailPreferences, setEmailPreferences } from "~/email/preferences.server";
import { createApiToken, listApiTokens, revokeAllApiTokens, revokeApiToken } from "~/models/api-token.server";
import { listAudit } from "~/models/audit.server";
import { unpinAnnouncement } from "~/models/announcement.server";
import { answerInvitation, inviteToGroup, openGroup, publishSummary } from "~/models/codesign.server";
import { withGroups } from "~/models/content.server";
import { addPoll, castPollVote } from "~/models/poll.server";
import { getContentSummary } from "~/models/content-summary.server";
import { flagContent, listFlagQueue, resolveFlags } from "~/models/flag.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { acceptIdea, creditCoDesigner, getIdeaDetails, getIdeaSummary, removeCoDesigner } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { deleteContent, hideContent, moveThread, restoreContent, setThreadState, unhideContent } from "~/models/moderation.server";
import { markAllRead, markRead } from "~/models/notification-inbox.server";
import { createReply, editReply, getReplyForEdit } from "~/models/post.server";
import { createProduct, moveProduct, setProductArchived, updateProduct } from "~/models/product.server";
import { getHistory, setRevisionHidden } from "~/models/revision.server";
import { getSiteSettings, updateSiteSettings } from "~/models/site-settings.server";
import { addStaffNote, listStaffNotes } from "~/models/staff-note.server";
import { setWatching } from "~/models/subscription.server";
import { getSuccessDashboard, giveVerdict, saveSuccessMeasure } from "~/models/success-measure.server";
import { getSuspendTarget, liftSuspension, suspendUser } from "~/models/suspension.server";
import { createTag, deleteTag, renameTag } from "~/models/tag.server";
import { createThread, editThread, getThreadForEdit, getThreadPage, markAnswer, unmarkAnswer } from "~/models/thread.server";
import { changeRole, searchUsers, updateProfile } from "~/models/user.server";
import { unvote, vote } from "~/models/vote.server";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from "~/models/webhook.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser, statusOf, type TestActor } from "./factories";

/**
 * Every write and every staff-only read, by id, as each kind of person:
 * a table of (action × role → allowed or the HTTP status it is refused with).
 * Each case builds its own fixture, runs the model function as that person,
 * and for a refusal checks that the rows it would have touched did not change.
 *
 * "The member" owns the content in every fixture. The suspended member is that
 * owner while suspended: suspension outweighs ownership.
 */

const HOUR = 3_600_000;
const roleNames = ["visitor", "member", "other member", "suspended member", "staff", "admin"] as const;
type RoleName = (typeof roleNames)[number];

/** Allowed: a write changes the rows it targets; a read returns the protected data. */
const T = "allowed";
/** Allowed, but it only ever acts on the actor's own rows: the member's rows stay as they were. */
const OWN = "own rows only";
/** A read that answers, but without the protected data (a placeholder, null, or the actor's own list). */
const HIDDEN = "not shown";
type Expected = typeof T | typeof OWN | typeof HIDDEN | 401 | 403 | 404;

/** The people of one case: `owner` is an active handle on whoever owns the fixture's content. */
type World = { owner: TestActor; other: TestActor; staff: TestActor; admin: TestActor; bystander: TestActor };
type Fixture = Record<string, number | string>;

type Case = {
  action: string;
  setup: (world: World, actor: Actor) => Promise<Fixture>;
  /** Reads may return whether the protected data was in the answer. */
  run: (actor: Actor, f: Fixture, world: World) => Promise<unknown>;
  /** The stored rows the action targets; refused actions must leave them as they were. */
  state?: (f: Fixture, world: World) => Promise<unknown>;
  expected: Record<RoleName, Expected>;
};

let sequence = 0;
const unique = () => ++sequence;
const db = () => getDb();

// ---- fixtures -------------------------------------------------------------

const newThread = (author: TestActor, kind: "discussion" | "question" | "idea" = "discussion") =>
  createTestThread(author, { kind, title: `Case thread ${unique()}` });

async function threadState(id: number) {
  return db()
    .selectFrom("threads")
    .select([
      "title",
      "body",
      "product_id",
      "status",
      "accepted_answer_post_id",
      "co_designed_at",
      "pinned",
      "locked",
      "closed_at",
      "hidden_at",
      "deleted_at",
      "merged_into_id",
      "vote_count",
      "reply_count",
    ])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}
const postState = (id: number) =>
  db().selectFrom("posts").select(["body", "hidden_at", "deleted_at"]).where("id", "=", id).executeTakeFirstOrThrow();
const userState = (id: number) =>
  db()
    .selectFrom("users")
    .select(["role", "suspended_until", "display_name", "bio", "email"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
/** How many rows a table holds, or how many have `column = value`. */
const count = async (table: "threads" | "api_tokens" | "products" | "tags" | "webhooks" | "staff_notes", where?: [string, number]) => {
  let query = db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) query = query.where(sql.ref(where[0]), "=", where[1]);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

async function ideaAt(world: World, status: "under_review" | "planned" | "shipped") {
  const idea = await newThread(world.owner, "idea");
  await setIdeaStatus(world.staff, idea, { status, note: "" });
  return idea;
}

/** A planned idea of the bystander's with a co-design group the member accepted to join. */
async function groupOfMember(world: World) {
  const idea = await newThread(world.bystander, "idea");
  await setIdeaStatus(world.staff, idea, { status: "planned", note: "" });
  const group = await openGroup(world.staff, idea);
  await inviteToGroup(world.staff, idea, { userIds: [world.owner.id], usernames: [] });
  await answerInvitation(world.owner, idea, "accepted");
  const discussion = await db().selectFrom("threads").select("id").where("group_id", "=", group).executeTakeFirstOrThrow();
  return { idea, group, discussion: discussion.id };
}
const groupState = (idea: number) =>
  db()
    .selectFrom("codesign_groups")
    .leftJoin("codesign_members", "codesign_members.group_id", "codesign_groups.id")
    .select(["codesign_groups.summary", "codesign_members.user_id", "codesign_members.state"])
    .where("codesign_groups.idea_id", "=", idea)
    .orderBy("codesign_members.user_id")
    .execute();
/** As a session carries a person: with the groups they joined. */
const signedIn = async (actor: Actor) => (actor ? withGroups(actor) : null);

async function notificationFor(userId: number, threadId: number) {
  const row = await db()
    .insertInto("notifications")
    .values({ user_id: userId, kind: "reply", thread_id: threadId, post_id: null, actor_id: null, created_at: Date.now(), read_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const num = (f: Fixture, key: string) => f[key] as number;
const thread = (id: number) => ({ type: "thread" as const, id });
const post = (id: number) => ({ type: "post" as const, id });

// ---- the table --------------------------------------------------------------

/** Expectations in the column order visitor, member, other member, suspended member, staff, admin. */
const row = (...values: Expected[]): Record<RoleName, Expected> => {
  if (values.length !== roleNames.length) throw new Error(`Expected ${roleNames.length} columns, got ${values.length}`);
  return Object.fromEntries(roleNames.map((role, i) => [role, values[i]])) as Record<RoleName, Expected>;
};
const staffOnly = row(403, 403, 403, 403, T, T);
const adminOnly = row(403, 403, 403, 403, 403, T);

const cases: Case[] = [
  // Announcements (issue 21)
  {
    action: "post an announcement",
    setup: async () => ({ product: await createTestProduct() }),
    run: (a, f) =>
      createThread(a, {
        productId: num(f, "product"),
        kind: "discussion",
        title: "An announcement",
        body: "Text",
        announcement: { scope: "product", expiresAt: null, repliesOn: true },
      }),
    state: (f) => count("threads", ["product_id", num(f, "product")]),
    expected: row(403, 403, 403, 403, T, T),
  },
  {
    action: "unpin an announcement",
    setup: async (w) => ({
      thread: await createThread(w.staff, {
        productId: await createTestProduct(),
        kind: "discussion",
        title: "An announcement",
        body: "Text",
        announcement: { scope: "site", expiresAt: null, repliesOn: true },
      }),
    }),
    run: (a, f) => unpinAnnouncement(a, num(f, "thread")),
    state: (f) => db().selectFrom("threads").select("announcement_pinned").where("id", "=", num(f, "thread")).execute(),
    expected: staffOnly,
  },
  // Polls (issue 21)
  {
    action: "add a poll to the member's thread",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => addPoll(a, num(f, "thread"), { options: ["Yes", "No"], multiple: false, results: "after_vote", closesAt: null }),
    state: (f) => db().selectFrom("polls").select("id").where("thread_id", "=", num(f, "thread")).execute(),
    expected: row(401, T, 403, 403, T, T),
  },
  {
    action: "vote in the poll of the member's thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await addPoll(w.owner, id, { options: ["Yes", "No"], multiple: false, results: "after_vote", closesAt: null });
      const option = await db().selectFrom("poll_options").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
      return { thread: id, option: option.id };
    },
    run: (a, f) => castPollVote(a, num(f, "thread"), [num(f, "option")]),
    state: (f) => db().selectFrom("poll_votes").select(["user_id", "option_id"]).where("option_id", "=", num(f, "option")).execute(),
    expected: row(401, T, T, 403, T, T),
  },
  // Co-design groups (issue 21)
  {
    action: "open a co-design group on a planned idea",
    setup: async (w) => ({ idea: await ideaAt(w, "planned") }),
    run: (a, f) => openGroup(a, num(f, "idea")),
    state: (f) => groupState(num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "invite someone to a co-design group",
    setup: async (w) => ({ ...(await groupOfMember(w)), invitee: w.bystander.id }),
    run: (a, f) => inviteToGroup(a, num(f, "idea"), { userIds: [num(f, "invitee")], usernames: [] }),
    state: (f) => groupState(num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "publish a co-design group's summary",
    setup: async (w) => groupOfMember(w),
    run: (a, f) => publishSummary(a, num(f, "idea"), "What we worked out"),
    state: (f) => groupState(num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "read a co-design group's discussion, by id",
    setup: async (w) => groupOfMember(w),
    run: async (a, f) => getThreadPage(num(f, "discussion"), await signedIn(a)),
    expected: row(404, T, 404, T, T, T),
  },
  {
    action: "reply in a co-design group's discussion",
    setup: async (w) => groupOfMember(w),
    run: async (a, f) => createReply(await signedIn(a), num(f, "discussion"), "A reply"),
    state: (f) => threadState(num(f, "discussion")),
    expected: row(401, T, 403, 403, T, T),
  },
  {
    action: "accept an invitation to a co-design group (the member's own)",
    setup: async (w) => {
      const idea = await ideaAt(w, "planned");
      await openGroup(w.staff, idea);
      await inviteToGroup(w.staff, idea, { userIds: [w.owner.id], usernames: [] });
      return { idea };
    },
    run: (a, f) => answerInvitation(a, num(f, "idea"), "accepted"),
    state: (f) => groupState(num(f, "idea")),
    expected: row(401, T, 403, 403, 403, 403),
  },
  // Threads and replies
  {
    action: "start a thread",
    setup: async () => ({ product: await createTestProduct() }),
    run: (a, f) => createThread(a, { productId: num(f, "product"), kind: "discussion", title: "A new thread", body: "Text" }),
    state: (f) => count("threads", ["product_id", num(f, "product")]),
    expected: row(403, T, T, 403, T, T),
  },
  {
    action: "edit the member's thread",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => editThread(a, num(f, "thread"), { title: "Rewritten title", body: "Rewritten body" }),
    state: (f) => threadState(num(f, "thread")),
    expected: row(403, T, 403, 403, T, T),
  },
  {
    action: "open the member's thread for editing",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => getThreadForEdit(a, num(f, "thread")),
    expected: row(403, T, 403, 403, T, T),
  },
  {
    action: "reply to the member's thread",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => createReply(a, num(f, "thread"), "A reply"),
    state: (f) => threadState(num(f, "thread")),
    expected: row(401, T, T, 403, T, T),
  },
  {
    action: "reply to the member's locked thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await setThreadState(w.staff, id, "lock");
      return { thread: id };
    },
    run: (a, f) => createReply(a, num(f, "thread"), "A reply"),
    state: (f) => threadState(num(f, "thread")),
    expected: row(401, 403, 403, 403, T, T),
  },
  {
    action: "reply to a hidden thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await hideContent(w.staff, thread(id), "spam");
      return { thread: id };
    },
    run: (a, f) => createReply(a, num(f, "thread"), "A reply"),
    state: (f) => threadState(num(f, "thread")),
    expected: row(401, 403, 403, 403, 403, 403),
  },
  {
    action: "edit the member's reply",
    setup: async (w) => ({ post: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => editReply(a, num(f, "post"), "Rewritten reply"),
    state: (f) => postState(num(f, "post")),
    expected: row(403, T, 403, 403, T, T),
  },
  {
    action: "open the member's reply for editing",
    setup: async (w) => ({ post: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => getReplyForEdit(a, num(f, "post")),
    expected: row(403, T, 403, 403, T, T),
  },
  {
    action: "mark the answer to the member's question",
    setup: async (w) => {
      const question = await newThread(w.owner, "question");
      return { question, answer: await createTestReply(w.other, question) };
    },
    run: (a, f) => markAnswer(a, num(f, "question"), num(f, "answer")),
    state: (f) => threadState(num(f, "question")),
    expected: row(403, T, 403, 403, T, T),
  },
  {
    action: "unmark the answer to the member's question",
    setup: async (w) => {
      const question = await newThread(w.owner, "question");
      await markAnswer(w.owner, question, await createTestReply(w.other, question));
      return { question };
    },
    run: (a, f) => unmarkAnswer(a, num(f, "question")),
    state: (f) => threadState(num(f, "question")),
    expected: row(403, T, 403, 403, T, T),
  },

  // Votes, watching
  {
    action: "vote on an idea",
    setup: async (w) => ({ idea: await newThread(w.bystander, "idea") }),
    run: (a, f) => vote(a, num(f, "idea")),
    state: (f) => threadState(num(f, "idea")),
    expected: row(403, T, T, 403, T, T),
  },
  {
    action: "take back a vote",
    setup: async (w, actor) => {
      const idea = await newThread(w.bystander, "idea");
      // The acting person voted before (a suspended member votes as their active self).
      if (actor) await vote({ ...actor, suspendedUntil: null }, idea);
      return { idea };
    },
    run: (a, f) => unvote(a, num(f, "idea")),
    state: (f) => threadState(num(f, "idea")),
    expected: row(403, T, T, 403, T, T),
  },
  {
    action: "stop watching the member's thread",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => setWatching(a, num(f, "thread"), false),
    state: (f) =>
      db().selectFrom("subscriptions").select(["user_id", "level"]).where("thread_id", "=", num(f, "thread")).orderBy("user_id").execute(),
    // Watching is not posting: a suspended member may still choose what they hear about.
    expected: row(401, T, T, T, T, T),
  },

  // Ideas: status, co-design, merge, staff notes, success measures
  {
    action: "change an idea's status",
    setup: async (w) => ({ idea: await newThread(w.owner, "idea") }),
    run: (a, f) => setIdeaStatus(a, num(f, "idea"), { status: "under_review", note: "Looking at it" }),
    state: async (f) => ({
      thread: await threadState(num(f, "idea")),
      timeline: await db().selectFrom("status_changes").select("to_status").where("thread_id", "=", num(f, "idea")).execute(),
    }),
    expected: staffOnly,
  },
  {
    action: "accept an idea as co-designed",
    setup: async (w) => ({ idea: await ideaAt(w, "under_review") }),
    run: (a, f) => acceptIdea(a, num(f, "idea")),
    state: async (f) => ({
      thread: await threadState(num(f, "idea")),
      credits: await db().selectFrom("co_designers").select("user_id").where("thread_id", "=", num(f, "idea")).execute(),
    }),
    expected: staffOnly,
  },
  {
    action: "credit a co-designer",
    setup: async (w) => {
      const idea = await ideaAt(w, "under_review");
      await createTestReply(w.other, idea, "Here is how it could work.");
      await acceptIdea(w.staff, idea);
      return { idea };
    },
    run: (a, f, w) => creditCoDesigner(a, num(f, "idea"), { userId: w.other.id, contribution: "Shaped the flow" }),
    state: (f) =>
      db()
        .selectFrom("co_designers")
        .select(["user_id", "contribution"])
        .where("thread_id", "=", num(f, "idea"))
        .orderBy("user_id")
        .execute(),
    expected: staffOnly,
  },
  {
    action: "remove a co-designer credit",
    setup: async (w) => {
      const idea = await ideaAt(w, "under_review");
      await createTestReply(w.other, idea, "Here is how it could work.");
      await acceptIdea(w.staff, idea, [{ userId: w.other.id, contribution: "Shaped the flow" }]);
      return { idea };
    },
    // The author's own credit is fixed (credits-order.test.ts); another participant's may be removed.
    run: (a, f, w) => removeCoDesigner(a, num(f, "idea"), w.other.id),
    state: (f) =>
      db()
        .selectFrom("co_designers")
        .select(["user_id", "contribution"])
        .where("thread_id", "=", num(f, "idea"))
        .orderBy("user_id")
        .execute(),
    expected: staffOnly,
  },
  {
    action: "merge the member's idea into another",
    setup: async (w) => {
      const source = await newThread(w.owner, "idea");
      await vote(w.other, source);
      return { source, target: await newThread(w.bystander, "idea") };
    },
    run: (a, f) => mergeIdea(a, num(f, "source"), num(f, "target")),
    state: async (f) => [await threadState(num(f, "source")), await threadState(num(f, "target"))],
    expected: staffOnly,
  },
  {
    action: "write a staff note",
    setup: async (w) => ({ idea: await newThread(w.owner, "idea") }),
    run: (a, f) => addStaffNote(a, num(f, "idea"), "Internal: check with finance"),
    state: (f) => count("staff_notes", ["thread_id", num(f, "idea")]),
    expected: staffOnly,
  },
  {
    action: "read staff notes",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await addStaffNote(w.staff, idea, "Internal");
      return { idea };
    },
    run: (a, f) => listStaffNotes(a, num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "see staff notes on the idea's page",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await addStaffNote(w.staff, idea, "Internal");
      return { idea };
    },
    run: async (a, f) => (await getIdeaDetails(a, num(f, "idea"))).staffNotes !== null,
    expected: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, T, T),
  },
  {
    action: "write a success measure",
    setup: async (w) => ({ idea: await newThread(w.bystander, "idea") }),
    run: (a, f) => saveSuccessMeasure(a, num(f, "idea"), "I close the month in a day."),
    state: (f) => db().selectFrom("success_measures").select(["user_id", "measure"]).where("thread_id", "=", num(f, "idea")).execute(),
    expected: row(401, T, T, 403, T, T),
  },
  {
    action: "give a verdict on the member's measure",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await saveSuccessMeasure(w.owner, idea, "I close the month in a day.");
      await setIdeaStatus(w.staff, idea, { status: "shipped", note: "" });
      return { idea };
    },
    run: (a, f) => giveVerdict(a, num(f, "idea"), { verdict: "not_met", comment: "Still takes a week." }),
    state: (f) =>
      db()
        .selectFrom("success_measures")
        .select(["user_id", "verdict", "verdict_comment"])
        .where("thread_id", "=", num(f, "idea"))
        .execute(),
    // Only the member who wrote the measure judges it; staff can't speak for them.
    expected: row(401, T, 403, 403, 403, 403),
  },
  {
    action: "read the success dashboard",
    setup: async () => ({}),
    run: (a) => getSuccessDashboard(a),
    expected: staffOnly,
  },
  {
    action: "open the measure page of a hidden idea",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await hideContent(w.staff, thread(idea), "spam");
      return { idea };
    },
    run: (a, f) => getIdeaSummary(num(f, "idea"), a),
    expected: row(404, T, 404, T, T, T),
  },

  // Flags and moderation
  {
    action: "flag the member's reply",
    setup: async (w) => ({ post: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => flagContent(a, post(num(f, "post")), { reason: "spam", note: "" }),
    state: (f) => db().selectFrom("flags").select(["user_id", "status"]).where("post_id", "=", num(f, "post")).execute(),
    expected: row(401, 403, T, 403, T, T),
  },
  {
    action: "agree with the flags on the member's reply",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander));
      await flagContent(w.other, post(id), { reason: "spam", note: "" });
      return { post: id };
    },
    run: (a, f) => resolveFlags(a, post(num(f, "post")), "agree"),
    state: async (f) => ({
      post: await postState(num(f, "post")),
      flags: await db().selectFrom("flags").select("status").where("post_id", "=", num(f, "post")).execute(),
    }),
    expected: staffOnly,
  },
  {
    action: "read the flag queue",
    setup: async () => ({}),
    run: (a) => listFlagQueue(a),
    expected: staffOnly,
  },
  {
    action: "open the flag page of a deleted thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await deleteContent(w.staff, thread(id), "spam");
      return { thread: id };
    },
    run: (a, f) => getContentSummary(thread(num(f, "thread")), a),
    expected: row(404, 404, 404, 404, T, T),
  },
  {
    action: "open the flag page of a reply in a hidden thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      const reply = await createTestReply(w.other, id);
      await hideContent(w.staff, thread(id), "spam");
      return { post: reply };
    },
    run: (a, f) => getContentSummary(post(num(f, "post")), a),
    // The member wrote the hidden thread: they see it, and the replies in it (can.see).
    expected: row(404, T, 404, T, T, T),
  },
  ...(
    [
      ["hide the member's thread", async () => ({}), (a: Actor, id: number) => hideContent(a, thread(id), "spam")],
      [
        "show the member's hidden thread again",
        (w: World, id: number) => hideContent(w.staff, thread(id), "spam"),
        (a: Actor, id: number) => unhideContent(a, thread(id)),
      ],
      ["delete the member's thread", async () => ({}), (a: Actor, id: number) => deleteContent(a, thread(id), "spam")],
      [
        "restore the member's deleted thread",
        (w: World, id: number) => deleteContent(w.staff, thread(id), "spam"),
        (a: Actor, id: number) => restoreContent(a, thread(id)),
      ],
      ["pin the member's thread", async () => ({}), (a: Actor, id: number) => setThreadState(a, id, "pin")],
      ["lock the member's thread", async () => ({}), (a: Actor, id: number) => setThreadState(a, id, "lock")],
      ["close the member's thread", async () => ({}), (a: Actor, id: number) => setThreadState(a, id, "close")],
      [
        "reopen the member's closed thread",
        (w: World, id: number) => setThreadState(w.staff, id, "close"),
        (a: Actor, id: number) => setThreadState(a, id, "reopen"),
      ],
    ] as const
  ).map(([action, prepare, change]): Case => ({
    action,
    setup: async (w) => {
      const id = await newThread(w.owner);
      await prepare(w, id);
      return { thread: id };
    },
    run: (a, f) => change(a, num(f, "thread")),
    state: (f) => threadState(num(f, "thread")),
    expected: staffOnly,
  })),
  {
    action: "move the member's thread to another product",
    setup: async (w) => ({ thread: await newThread(w.owner), product: await createTestProduct() }),
    run: (a, f) => moveThread(a, num(f, "thread"), num(f, "product")),
    state: (f) => threadState(num(f, "thread")),
    expected: staffOnly,
  },
  {
    action: "hide the member's reply",
    setup: async (w) => ({ post: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => hideContent(a, post(num(f, "post")), "spam"),
    state: (f) => postState(num(f, "post")),
    expected: staffOnly,
  },
  {
    action: "delete the member's reply",
    setup: async (w) => ({ post: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => deleteContent(a, post(num(f, "post")), "spam"),
    state: (f) => postState(num(f, "post")),
    expected: staffOnly,
  },
  {
    action: "read the audit log",
    setup: async () => ({}),
    run: (a) => listAudit(a),
    expected: staffOnly,
  },

  // Hidden and deleted content stays with staff (and, for hidden, its author)
  {
    action: "read the member's hidden thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await hideContent(w.staff, thread(id), "spam");
      return { thread: id };
    },
    run: async (a, f) => (await getThreadPage(num(f, "thread"), a)).hidden?.placeholder === false,
    expected: row(HIDDEN, T, HIDDEN, T, T, T),
  },
  {
    action: "read the member's deleted thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      await deleteContent(w.staff, thread(id), "spam");
      return { thread: id };
    },
    run: (a, f) => getThreadPage(num(f, "thread"), a),
    expected: row(404, 404, 404, 404, T, T),
  },
  {
    action: "read the history of the member's hidden reply",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander));
      await hideContent(w.staff, post(id), "spam");
      return { post: id };
    },
    run: (a, f) => getHistory(a, post(num(f, "post"))),
    // Whoever may see a post reads its history (can.see): hidden, its author and staff; the versions staff hid stay theirs.
    expected: row(404, T, 404, T, T, T),
  },
  {
    action: "read the history of a reply in the member's hidden thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      const reply = await createTestReply(w.other, id);
      await hideContent(w.staff, thread(id), "spam");
      return { post: reply };
    },
    run: (a, f) => getHistory(a, post(num(f, "post"))),
    expected: row(404, T, 404, T, T, T),
  },
  {
    action: "read a hidden earlier version of the member's reply",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander), "my phone is 555-0100");
      await editReply(w.owner, id, "call me");
      const [version] = (await getHistory(w.staff, post(id))).earlier;
      await setRevisionHidden(w.staff, post(id), version!.id, true);
      return { post: id };
    },
    run: async (a, f) => (await getHistory(a, post(num(f, "post")))).earlier[0]?.body === "my phone is 555-0100",
    expected: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, T, T),
  },
  {
    action: "hide an earlier version of the member's reply",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander), "first wording");
      await editReply(w.owner, id, "second wording");
      return { post: id, version: (await getHistory(w.staff, post(id))).earlier[0]!.id };
    },
    run: (a, f) => setRevisionHidden(a, post(num(f, "post")), num(f, "version"), true),
    state: (f) =>
      db().selectFrom("revisions").select(["hidden_at", "hidden_by"]).where("id", "=", num(f, "version")).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "show a hidden version of the member's reply again",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander), "first wording");
      await editReply(w.owner, id, "second wording");
      const version = (await getHistory(w.staff, post(id))).earlier[0]!.id;
      await setRevisionHidden(w.staff, post(id), version, true);
      return { post: id, version };
    },
    run: (a, f) => setRevisionHidden(a, post(num(f, "post")), num(f, "version"), false),
    state: (f) =>
      db().selectFrom("revisions").select(["hidden_at", "hidden_by"]).where("id", "=", num(f, "version")).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "redact the member's reply (an edit that hides every earlier version)",
    setup: async (w) => {
      const id = await createTestReply(w.owner, await newThread(w.bystander), "first wording");
      await editReply(w.owner, id, "second wording");
      return { post: id };
    },
    run: (a, f) => editReply(a, num(f, "post"), "redacted wording", { redact: true }),
    state: async (f) => ({
      post: await postState(num(f, "post")),
      versions: await db()
        .selectFrom("revisions")
        .select(["body", "hidden_at"])
        .where("post_id", "=", num(f, "post"))
        .orderBy("id")
        .execute(),
    }),
    expected: staffOnly,
  },
  {
    action: "redact the member's thread",
    setup: async (w) => ({ thread: await newThread(w.owner) }),
    run: (a, f) => editThread(a, num(f, "thread"), { title: "Redacted title", body: "Redacted body", redact: true }),
    state: async (f) => ({
      thread: await threadState(num(f, "thread")),
      versions: await db().selectFrom("revisions").select(["body", "hidden_at"]).where("thread_id", "=", num(f, "thread")).execute(),
    }),
    expected: staffOnly,
  },
  {
    action: "read the history of a reply in the member's deleted thread",
    setup: async (w) => {
      const id = await newThread(w.owner);
      const reply = await createTestReply(w.other, id);
      await deleteContent(w.staff, thread(id), "spam");
      return { post: reply };
    },
    run: (a, f) => getHistory(a, post(num(f, "post"))),
    expected: row(404, 404, 404, 404, T, T),
  },

  // Suspension
  {
    action: "suspend a member",
    setup: async () => ({ target: (await createTestUser()).id }),
    run: (a, f) => suspendUser(a, num(f, "target"), { until: Date.now() + 24 * HOUR, reason: "Spam" }),
    state: (f) => userState(num(f, "target")),
    expected: staffOnly,
  },
  {
    action: "suspend a staff member",
    setup: async () => ({ target: (await createTestUser({ role: "staff" })).id }),
    run: (a, f) => suspendUser(a, num(f, "target"), { until: Date.now() + 24 * HOUR, reason: "Spam" }),
    state: (f) => userState(num(f, "target")),
    expected: adminOnly,
  },
  {
    action: "suspend an admin",
    setup: async () => ({ target: (await createTestUser({ role: "admin" })).id }),
    run: (a, f) => suspendUser(a, num(f, "target"), { until: Date.now() + 24 * HOUR, reason: "Spam" }),
    state: (f) => userState(num(f, "target")),
    expected: row(403, 403, 403, 403, 403, 403),
  },
  {
    action: "lift a member's suspension",
    setup: async () => ({ target: (await createTestUser({ suspendedUntil: Date.now() + HOUR })).id }),
    run: (a, f) => liftSuspension(a, num(f, "target")),
    state: (f) => userState(num(f, "target")),
    expected: staffOnly,
  },
  {
    action: "open the suspension page of a member",
    setup: async () => {
      const target = await createTestUser();
      const { username } = await db().selectFrom("users").select("username").where("id", "=", target.id).executeTakeFirstOrThrow();
      return { username };
    },
    run: (a, f) => getSuspendTarget(a, String(f.username)),
    expected: staffOnly,
  },

  // Admin: products, users and roles, site settings
  {
    action: "create a product",
    setup: async () => ({}),
    run: (a) => createProduct(a, { name: "New product", slug: `new-product-${unique()}`, description: "" }),
    state: () => count("products"),
    expected: adminOnly,
  },
  {
    action: "edit a product",
    setup: async () => ({ product: await createTestProduct() }),
    run: (a, f) => updateProduct(a, num(f, "product"), { name: "Renamed", slug: `renamed-${unique()}`, description: "New" }),
    state: (f) =>
      db().selectFrom("products").select(["name", "slug", "description"]).where("id", "=", num(f, "product")).executeTakeFirstOrThrow(),
    expected: adminOnly,
  },
  {
    action: "reorder products",
    setup: async () => ({ first: await createTestProduct(), second: await createTestProduct() }),
    run: (a, f) => moveProduct(a, num(f, "second"), "up"),
    state: (f) =>
      db()
        .selectFrom("products")
        .select(["id", "position"])
        .where("id", "in", [num(f, "first"), num(f, "second")])
        .orderBy("id")
        .execute(),
    expected: adminOnly,
  },
  {
    action: "archive a product",
    setup: async () => ({ product: await createTestProduct() }),
    run: (a, f) => setProductArchived(a, num(f, "product"), true),
    state: (f) => db().selectFrom("products").select("archived_at").where("id", "=", num(f, "product")).executeTakeFirstOrThrow(),
    expected: adminOnly,
  },
  {
    action: "list users with their emails",
    setup: async () => ({}),
    run: (a) => searchUsers(a),
    expected: adminOnly,
  },
  {
    action: "make a member staff",
    setup: async () => ({ target: (await createTestUser()).id }),
    run: (a, f) => changeRole(a, num(f, "target"), "staff"),
    state: (f) => userState(num(f, "target")),
    expected: adminOnly,
  },
  {
    action: "revoke a staff member's role",
    setup: async () => ({ target: (await createTestUser({ role: "staff" })).id }),
    run: (a, f) => changeRole(a, num(f, "target"), "member"),
    state: (f) => userState(num(f, "target")),
    expected: adminOnly,
  },
  {
    action: "change the site settings",
    setup: async () => ({}),
    run: (a) => updateSiteSettings(a, { siteName: `Site ${unique()}`, siteDescription: "Changed" }),
    state: () => getSiteSettings(),
    expected: adminOnly,
  },

  // Staff: tags
  {
    action: "create a tag",
    setup: async () => ({}),
    run: (a) => createTag(a, { name: `Tag ${unique()}`, slug: `tag-${unique()}` }),
    state: () => count("tags"),
    expected: staffOnly,
  },
  {
    action: "rename a tag",
    setup: async (w) => {
      const n = unique();
      return { tag: (await createTag(w.staff, { name: `Old ${n}`, slug: `old-${n}` })).id };
    },
    run: (a, f) => renameTag(a, num(f, "tag"), { name: `New ${unique()}`, slug: `new-${unique()}` }),
    state: (f) => db().selectFrom("tags").select(["name", "slug"]).where("id", "=", num(f, "tag")).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "delete a tag",
    setup: async (w) => {
      const n = unique();
      return { tag: (await createTag(w.staff, { name: `Doomed ${n}`, slug: `doomed-${n}` })).id };
    },
    run: (a, f) => deleteTag(a, num(f, "tag")),
    state: (f) => count("tags", ["id", num(f, "tag")]),
    expected: staffOnly,
  },

  // Admin: webhooks (their secrets sign every delivery)
  {
    action: "add a webhook",
    setup: async () => ({}),
    run: (a) => createWebhook(a, { url: "https://hooks.example.test/in", events: ["thread.created"] }),
    state: () => count("webhooks"),
    expected: adminOnly,
  },
  {
    action: "delete a webhook",
    setup: async (w) => ({ webhook: await createWebhook(w.admin, { url: "https://hooks.example.test/in", events: ["thread.created"] }) }),
    run: (a, f) => deleteWebhook(a, num(f, "webhook")),
    state: (f) => count("webhooks", ["id", num(f, "webhook")]),
    expected: adminOnly,
  },
  {
    action: "list webhooks and their secrets",
    setup: async () => ({}),
    run: (a) => listWebhooks(a),
    expected: adminOnly,
  },
  {
    action: "read a webhook's delivery log",
    setup: async (w) => ({ webhook: await createWebhook(w.admin, { url: "https://hooks.example.test/in", events: ["thread.created"] }) }),
    run: (a, f) => listDeliveries(a, num(f, "webhook")),
    expected: adminOnly,
  },

  // A member's own account: notifications, API tokens, email preferences, profile
  {
    action: "mark the member's notification read",
    setup: async (w) => ({ notification: await notificationFor(w.owner.id, await newThread(w.bystander)) }),
    run: (a, f) => markRead(a, num(f, "notification")),
    state: (f) => db().selectFrom("notifications").select("read_at").where("id", "=", num(f, "notification")).executeTakeFirstOrThrow(),
    expected: row(401, T, 404, T, 404, 404),
  },
  {
    action: "mark all notifications read",
    setup: async (w) => ({ notification: await notificationFor(w.owner.id, await newThread(w.bystander)) }),
    run: (a) => markAllRead(a),
    state: (f) => db().selectFrom("notifications").select("read_at").where("id", "=", num(f, "notification")).executeTakeFirstOrThrow(),
    expected: row(401, T, OWN, T, OWN, OWN),
  },
  {
    action: "create an API token",
    setup: async () => ({}),
    run: (a) => createApiToken(a, "Script"),
    state: () => count("api_tokens"),
    expected: row(403, T, T, 403, T, T),
  },
  {
    action: "revoke the member's API token",
    setup: async (w) => {
      await createApiToken(w.owner, "Release bot");
      const token = await db()
        .selectFrom("api_tokens")
        .select("id")
        .where("user_id", "=", w.owner.id)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return { token: token.id };
    },
    run: (a, f) => revokeApiToken(a, num(f, "token")),
    state: (f) => db().selectFrom("api_tokens").select("revoked_at").where("id", "=", num(f, "token")).executeTakeFirstOrThrow(),
    // Revoking is always safe for the token's owner, suspended or not.
    expected: row(401, T, 404, T, 404, 404),
  },
  {
    action: "revoke every API token (sign out everywhere, new password)",
    setup: async (w) => {
      await createApiToken(w.owner, "Release bot");
      const token = await db()
        .selectFrom("api_tokens")
        .select("id")
        .where("user_id", "=", w.owner.id)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return { token: token.id };
    },
    run: (a) => revokeAllApiTokens(a),
    state: (f) => db().selectFrom("api_tokens").select("revoked_at").where("id", "=", num(f, "token")).executeTakeFirstOrThrow(),
    expected: row(401, T, OWN, T, OWN, OWN),
  },
  {
    action: "list the member's API tokens",
    setup: async (w) => {
      await createApiToken(w.owner, "Release bot");
      const token = await db()
        .selectFrom("api_tokens")
        .select("id")
        .where("user_id", "=", w.owner.id)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return { token: token.id };
    },
    run: async (a, f) => (await listApiTokens(a)).some((t) => t.id === num(f, "token")),
    expected: row(401, T, HIDDEN, T, HIDDEN, HIDDEN),
  },
  {
    action: "choose email preferences",
    setup: async () => ({}),
    run: (a) => setEmailPreferences(a, { reply: "off", mention: "daily" }),
    state: (_f, w) => getEmailPreferences(w.owner.id),
    expected: row(401, T, OWN, T, OWN, OWN),
  },
  {
    action: "change the display name and bio",
    setup: async () => ({}),
    run: (a) => updateProfile(a, { displayName: `Renamed ${unique()}`, bio: "New bio", email: `changed${unique()}@example.com` }),
    state: (_f, w) => userState(w.owner.id),
    // Name and bio are public text: a suspended member can't post, so can't change them either.
    expected: row(403, T, OWN, 403, OWN, OWN),
  },
];

// ---- running it ----------------------------------------------------------------

let people: { member: TestActor; suspended: TestActor; other: TestActor; staff: TestActor; admin: TestActor; bystander: TestActor };

beforeAll(async () => {
  people = {
    member: await createTestUser(),
    suspended: await createTestUser({ suspendedUntil: Date.now() + HOUR }),
    other: await createTestUser(),
    staff: await createTestUser({ role: "staff" }),
    admin: await createTestUser({ role: "admin" }),
    bystander: await createTestUser(),
  };
});

function actorFor(role: RoleName): Actor {
  return {
    visitor: null,
    member: people.member,
    "other member": people.other,
    "suspended member": people.suspended,
    staff: people.staff,
    admin: people.admin,
  }[role];
}

/** The suspended member owns their fixture's content; fixtures are built while their account was in good standing. */
function worldFor(role: RoleName): World {
  const owner = role === "suspended member" ? { ...people.suspended, suspendedUntil: null } : people.member;
  return { owner, other: people.other, staff: people.staff, admin: people.admin, bystander: people.bystander };
}

const table = cases.flatMap((c) => roleNames.map((role) => ({ role, c, expected: c.expected[role] })));

describe(`authorization: ${cases.length} actions × ${roleNames.length} roles = ${table.length} cases`, () => {
  it("names every action once", () => {
    expect(new Set(cases.map((c) => c.action)).size).toBe(cases.length);
  });

  for (const [index, { role, c, expected }] of table.entries()) {
    it(`#${index + 1} ${role}: ${c.action} → ${expected}`, async () => {
      const world = worldFor(role);
      const actor = actorFor(role);
      const fixture = await c.setup(world, actor);
      const before = c.state ? await c.state(fixture, world) : undefined;
      if (typeof expected === "number") {
        expect(await statusOf(() => c.run(actor, fixture, world))).toBe(expected);
        if (c.state) expect(await c.state(fixture, world)).toEqual(before);
        return;
      }
      const result = await c.run(actor, fixture, world);
      // Reads that can answer without the protected data say whether it was there.
      if (typeof result === "boolean") expect(result).toBe(expected === T);
      else expect(expected).not.toBe(HIDDEN);
      if (!c.state) return;
      const after = await c.state(fixture, world);
      if (expected === T) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    });
  }
});
