import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import type { Actor } from "~/auth/permissions.server";
import { getEmailPreferences, setEmailPreferences } from "~/email/preferences.server";
import { createApiToken, listApiTokens, revokeAllApiTokens, revokeApiToken } from "~/models/api-token.server";
import { listAudit } from "~/models/audit.server";
import { lucia } from "~/auth/session.server";
import { endOwnSession, listSessions } from "~/models/session-list.server";
import { resendVerification } from "~/models/sign-up.server";
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
import { markAllRead, markRead, markSeenOnThreadPage } from "~/models/notification-inbox.server";
import { setProductFollow } from "~/models/product-follow.server";
import { markProductRead, unreadIn } from "~/models/read-position.server";
import { createReply, editReply, getReplyForEdit } from "~/models/post.server";
import { createProduct, moveProduct, setProductArchived, updateProduct } from "~/models/product.server";
import { getHistory, setRevisionHidden } from "~/models/revision.server";
import { getSiteSettings, updateEmbedOrigins, updateSiteSettings } from "~/models/site-settings.server";
import { addIssueLink, changeIssueLink, ideaPlanOf, setTargetRelease } from "~/models/idea-plan.server";
import { exportIdeasCsv, exportVotersCsv } from "~/models/idea-export.server";
import { addSubstatus, setIdeaSubstatus, updateStatusStyle } from "~/models/status-styles.server";
import { addStaffNote, listStaffNotes } from "~/models/staff-note.server";
import { setWatching } from "~/models/subscription.server";
import { getSuccessDashboard, giveVerdict, saveSuccessMeasure } from "~/models/success-measure.server";
import { getSuspendTarget, liftSuspension, suspendUser } from "~/models/suspension.server";
import { createTag, deleteTag, renameTag } from "~/models/tag.server";
import { createThread, editThread, getThreadForEdit, getThreadPage, markAnswer, unmarkAnswer } from "~/models/thread.server";
import { changeRole, searchUsers, updateProfile } from "~/models/user.server";
import { identityLinksOf, removeIdentityLink } from "~/models/identity-link.server";
import { unvote, vote } from "~/models/vote.server";
import { like, unlike } from "~/models/reaction.server";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from "~/models/webhook.server";
import { assignMember, createAccount, listAccounts, updateAccount } from "~/models/account.server";
import { exportAccountsCsv, importAccountsCsv } from "~/models/account-csv.server";
import { ideaDemand, listDemand } from "~/models/demand.server";
import { listOnBehalf, recordOnBehalf, removeOnBehalf } from "~/models/on-behalf.server";
import { accountSchema, parseForm } from "~/utils/validation.server";
import { openFollowUp } from "~/models/follow-up.server";
import { answerMeasureCheck, askMeasureCheck, scopeMeasure } from "~/models/measure-review.server";
import { getLedger, listAccountsAtRisk } from "~/models/success-ledger.server";
import {
  createTestAccount,
  createTestProduct,
  createTestReply,
  createTestThread,
  createTestUser,
  statusOf,
  type TestActor,
} from "./factories";
import { discardDraft, draftKeys, getDraft, saveDraft } from "~/models/draft.server";
import { removeImage, uploadImage } from "~/models/upload.server";
import sharp from "sharp";

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
type Expected = typeof T | typeof OWN | typeof HIDDEN | 401 | 403 | 404 | 409;

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
const count = async (
  table: "threads" | "api_tokens" | "products" | "tags" | "webhooks" | "staff_notes" | "sessions" | "user_tokens" | "uploads",
  where?: [string, number | string],
) => {
  let query = db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"));
  if (where) query = query.where(sql.ref(where[0]), "=", where[1]);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

const draftState = (userId: number, key: string) =>
  db().selectFrom("drafts").select(["body", "updated_at"]).where("user_id", "=", userId).where("key", "=", key).executeTakeFirst();

const tinyPng = () =>
  sharp({ create: { width: 2, height: 2, channels: 3, background: "#3b3fd8" } })
    .png()
    .toBuffer();

async function ideaAt(world: World, status: "under_review" | "planned" | "shipped") {
  const idea = await newThread(world.owner, "idea");
  await setIdeaStatus(world.staff, idea, { status, note: "Decided in review." });
  return idea;
}

/** A planned idea of the bystander's with a co-design group the member accepted to join. */
async function groupOfMember(world: World) {
  const idea = await newThread(world.bystander, "idea");
  await setIdeaStatus(world.staff, idea, { status: "planned", note: "Planned." });
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

/** A company sign-in (OpenID Connect) linked to `member`. */
async function ssoLinked(member: TestActor) {
  const link = { issuer: "https://login.example.test", subject: `subject-${unique()}` };
  const now = Date.now();
  await db()
    .insertInto("identity_links")
    .values({
      ...link,
      user_id: member.id,
      email: null,
      account_claim: null,
      plan_claim: null,
      segment_claim: null,
      created_at: now,
      last_used_at: now,
    })
    .execute();
  return { ...link, userId: member.id };
}

/** A customer account, made by staff; with `member`, that person belongs to it. */
async function customer(w: World, name: string, member?: TestActor) {
  const parsed = parseForm(accountSchema, { name, slug: `${name.toLowerCase()}-${unique()}`, arr: "50000", plan: "Pro" });
  if (!parsed.ok) throw new Error("bad account fixture");
  const { id } = await createAccount(w.staff, parsed.data);
  if (member) await assignMember(w.staff, member.id, id);
  return id;
}
const accountState = (id: number) => db().selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const accountCount = async () =>
  Number(
    (
      await db()
        .selectFrom("accounts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const onBehalfState = async (idea: number) => ({
  votes: (await threadState(idea)).vote_count,
  records: await db().selectFrom("on_behalf_votes").select(["account_id", "user_id", "use_case"]).where("thread_id", "=", idea).execute(),
});
const accountInput = (name: string) => {
  const parsed = parseForm(accountSchema, { name, slug: `${name.toLowerCase()}-${unique()}` });
  if (!parsed.ok) throw new Error("bad account input");
  return parsed.data;
};
const measureIdOf = async (threadId: number, owner: TestActor) =>
  (
    await db()
      .selectFrom("success_measures")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("user_id", "=", owner.id)
      .executeTakeFirstOrThrow()
  ).id;
const likesOf = (postId: number) =>
  db().selectFrom("reactions").select("user_id").where("post_id", "=", postId).orderBy("user_id").execute();
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
    action: "like another member's reply",
    setup: async (w) => ({ reply: await createTestReply(w.bystander, await newThread(w.bystander)) }),
    run: (a, f) => like(a, post(num(f, "reply"))),
    state: (f) => likesOf(num(f, "reply")),
    expected: row(401, T, T, 403, T, T),
  },
  {
    action: "like one's own reply",
    setup: async (w) => ({ reply: await createTestReply(w.owner, await newThread(w.bystander)) }),
    run: (a, f) => like(a, post(num(f, "reply"))),
    state: (f) => likesOf(num(f, "reply")),
    expected: row(401, 403, T, 403, T, T),
  },
  {
    action: "like a hidden thread's opening post",
    setup: async (w) => {
      const id = await newThread(w.bystander);
      await hideContent(w.staff, thread(id), "Off topic");
      return { thread: id };
    },
    run: (a, f) => like(a, thread(num(f, "thread"))),
    state: (f) => db().selectFrom("reactions").select("user_id").where("thread_id", "=", num(f, "thread")).execute(),
    expected: row(401, 404, 404, 404, 403, 403),
  },
  {
    action: "take back a like (only one's own)",
    setup: async (w, actor) => {
      const reply = await createTestReply(w.bystander, await newThread(w.bystander));
      // The member liked it; so did the acting person, as their active self.
      await like(w.owner, post(reply));
      if (actor && actor.id !== w.owner.id) await like({ ...actor, suspendedUntil: null }, post(reply));
      return { reply };
    },
    run: (a, f) => unlike(a, post(num(f, "reply"))),
    state: (f, w) => likesOf(num(f, "reply")).then((rows) => rows.filter((r) => r.user_id === w.owner.id)),
    expected: row(401, T, OWN, 403, OWN, OWN),
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
      await setIdeaStatus(w.staff, idea, { status: "shipped", note: "Decided in review." });
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
    action: "scope the member's measure at planning",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await saveSuccessMeasure(w.owner, idea, "I close the month in a day.");
      await setIdeaStatus(w.staff, idea, { status: "planned", note: "Decided in review." });
      return { idea, measure: await measureIdOf(idea, w.owner) };
    },
    run: (a, f) => scopeMeasure(a, num(f, "idea"), { measureId: num(f, "measure"), scope: "out", reason: "Not in this release." }),
    state: (f) => db().selectFrom("success_measures").select(["scope", "scope_reason"]).where("thread_id", "=", num(f, "idea")).execute(),
    expected: staffOnly,
  },
  {
    action: "ask measure owners before shipping",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await saveSuccessMeasure(w.owner, idea, "I close the month in a day.");
      await setIdeaStatus(w.staff, idea, { status: "in_progress", note: "" });
      return { idea };
    },
    run: (a, f) => askMeasureCheck(a, num(f, "idea"), "https://design.example.com/close"),
    state: (f) => db().selectFrom("success_measures").select(["check_request"]).where("thread_id", "=", num(f, "idea")).execute(),
    expected: staffOnly,
  },
  {
    action: "answer staff's check on the member's measure",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await saveSuccessMeasure(w.owner, idea, "I close the month in a day.");
      await setIdeaStatus(w.staff, idea, { status: "in_progress", note: "" });
      await askMeasureCheck(w.staff, idea, "https://design.example.com/close");
      return { idea };
    },
    run: (a, f) => answerMeasureCheck(a, num(f, "idea"), { answer: "no", comment: "Not yet." }),
    state: (f) =>
      db()
        .selectFrom("success_measures")
        .select(["user_id", "check_answer", "check_comment"])
        .where("thread_id", "=", num(f, "idea"))
        .execute(),
    // Only the measure's owner answers; staff can't speak for them.
    expected: row(401, T, 403, 403, 403, 403),
  },
  {
    action: "open a follow-up from the member's verdict",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await saveSuccessMeasure(w.owner, idea, "I close the month in a day.");
      await setIdeaStatus(w.staff, idea, { status: "shipped", note: "Decided in review." });
      await giveVerdict(w.owner, idea, { verdict: "not_met", comment: "" });
      return { idea };
    },
    run: (a, f) => openFollowUp(a, num(f, "idea")),
    state: (f) => db().selectFrom("threads").select("id").where("follow_up_of_id", "=", num(f, "idea")).execute(),
    expected: row(401, T, 404, 403, 404, 404),
  },
  {
    action: "read the member's account's success ledger",
    setup: async (w) => ({ slug: (await createTestAccount({ members: [w.owner] })).slug }),
    run: (a, f) => getLedger(a, f.slug as string),
    // Another account's people never see it: not another member, not the member while suspended.
    expected: row(401, T, 403, 403, T, T),
  },
  {
    action: "read the accounts at risk",
    setup: async () => ({}),
    run: (a) => listAccountsAtRisk(a),
    expected: staffOnly,
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
    action: "see members' company sign-ins",
    setup: async (w) => ({ target: (await ssoLinked(w.bystander)).userId }),
    run: (a, f) => identityLinksOf(a, [num(f, "target")]),
    expected: adminOnly,
  },
  {
    action: "remove a member's company sign-in",
    setup: async (w) => ssoLinked(w.bystander),
    run: (a, f) => removeIdentityLink(a, { issuer: String(f.issuer), subject: String(f.subject) }),
    state: (f) => db().selectFrom("identity_links").selectAll().where("subject", "=", String(f.subject)).execute(),
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

  // Roadmap detail (issue 21): targets, issue links, sub-statuses are staff's; status names and embedding are admins'
  {
    action: "give an idea a target release",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await setIdeaStatus(w.staff, idea, { status: "planned", note: "Planned." });
      return { idea };
    },
    run: (a, f) => setTargetRelease(a, num(f, "idea"), { target: "2027-Q2", isPublic: true, reason: "" }),
    state: (f) =>
      db().selectFrom("threads").select(["target_release", "target_public"]).where("id", "=", num(f, "idea")).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "link an idea to an issue",
    setup: async (w) => ({ idea: await newThread(w.owner, "idea") }),
    run: (a, f) => addIssueLink(a, num(f, "idea"), { url: "https://github.com/acme/app/issues/1", isPublic: true }),
    state: (f) => db().selectFrom("issue_links").select("url").where("thread_id", "=", num(f, "idea")).execute(),
    expected: staffOnly,
  },
  {
    action: "unlink an idea's issue",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await addIssueLink(w.staff, idea, { url: "https://github.com/acme/app/issues/2", isPublic: false });
      const link = await db().selectFrom("issue_links").select("id").where("thread_id", "=", idea).executeTakeFirstOrThrow();
      return { idea, link: link.id };
    },
    run: (a, f) => changeIssueLink(a, num(f, "idea"), num(f, "link"), "remove"),
    state: (f) => db().selectFrom("issue_links").select(["id", "is_public"]).where("thread_id", "=", num(f, "idea")).execute(),
    expected: staffOnly,
  },
  {
    action: "read an idea's staff-only target and issue links",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await setIdeaStatus(w.staff, idea, { status: "planned", note: "Planned." });
      await setTargetRelease(w.staff, idea, { target: "2027-Q4", isPublic: false, reason: "" });
      await addIssueLink(w.staff, idea, { url: "https://linear.app/acme/issue/ENG-9", isPublic: false });
      return { idea };
    },
    run: async (a, f) => {
      const plan = await ideaPlanOf(a, num(f, "idea"));
      return plan.target !== null && plan.links.length > 0;
    },
    expected: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, T, T),
  },
  {
    action: "export every idea as CSV",
    setup: async () => ({}),
    run: (a) => exportIdeasCsv(a),
    expected: staffOnly,
  },
  {
    action: "export an idea's voters as CSV",
    setup: async (w) => ({ idea: await newThread(w.owner, "idea") }),
    run: (a, f) => exportVotersCsv(a, num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "set an idea's sub-status",
    setup: async (w) => {
      const idea = await newThread(w.owner, "idea");
      await setIdeaStatus(w.staff, idea, { status: "planned", note: "Planned." });
      await addSubstatus(w.admin, { status: "planned", label: `Scoping ${unique()}`, colour: "#1d4fa8" });
      const sub = await db().selectFrom("idea_substatuses").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
      return { idea, sub: sub.id };
    },
    run: (a, f) => setIdeaSubstatus(a, num(f, "idea"), num(f, "sub")),
    state: (f) => db().selectFrom("threads").select("substatus_id").where("id", "=", num(f, "idea")).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "rename a status and change its colour",
    setup: async () => ({}),
    run: (a) => updateStatusStyle(a, "declined", { label: `Not now ${unique()}`, colour: "#7a1f1f" }),
    state: () => db().selectFrom("settings").select("value").where("key", "=", "status_styles").executeTakeFirst(),
    expected: adminOnly,
  },
  {
    action: "add a sub-status",
    setup: async () => ({}),
    run: (a) => addSubstatus(a, { status: "in_progress", label: `Beta ${unique()}`, colour: "#0b6e4f" }),
    state: () => db().selectFrom("idea_substatuses").select("id").execute(),
    expected: adminOnly,
  },
  {
    action: "choose who may embed the changelog",
    setup: async () => ({}),
    run: (a) => updateEmbedOrigins(a, `https://app${unique()}.example.com`),
    state: () => db().selectFrom("settings").select("value").where("key", "=", "embed_origins").executeTakeFirst(),
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
    action: "sign out one of the member's browsers",
    setup: async (w) => {
      const session = await lucia.createSession(w.owner.id, { user_agent: "Firefox" });
      const [listed] = await listSessions(w.owner, session.id);
      return { session: session.id, handle: listed!.handle };
    },
    run: (a, f) => endOwnSession(a, String(f.handle), null),
    state: (f) => count("sessions", ["id", String(f.session)]),
    expected: row(401, T, 404, T, 404, 404),
  },
  {
    action: "ask for the verification link again",
    setup: async () => ({}),
    run: (a) => resendVerification(a),
    state: () => count("user_tokens"),
    // Every account here is verified already: the model says so (409) rather than sending a link.
    expected: row(401, 409, 409, 409, 409, 409),
  },
  {
    action: "follow a product",
    setup: async () => ({ product: await createTestProduct() }),
    run: (a, f) => setProductFollow(a, num(f, "product"), "threads"),
    state: (f) =>
      db().selectFrom("product_subscriptions").select(["user_id", "level"]).where("product_id", "=", num(f, "product")).execute(),
    expected: row(401, T, T, T, T, T),
  },
  {
    action: "mark a product read (only one's own place)",
    setup: async (w) => {
      const product = await createTestProduct();
      const id = await createTestThread(w.bystander, { productId: product });
      await markSeenOnThreadPage(w.owner, id, [], true);
      await createTestReply(w.bystander, id);
      return { product, thread: id };
    },
    run: (a, f) => markProductRead(a, num(f, "product")),
    state: (f, w) =>
      db()
        .selectFrom("thread_reads")
        .select("last_read_post_id")
        .where("thread_id", "=", num(f, "thread"))
        .where("user_id", "=", w.owner.id)
        .execute(),
    expected: row(401, T, OWN, T, OWN, OWN),
  },
  {
    action: "read the member's unread replies",
    setup: async (w) => {
      const id = await newThread(w.bystander);
      await markSeenOnThreadPage(w.owner, id, [], true);
      await createTestReply(w.bystander, id);
      return { thread: id };
    },
    run: async (a, f) => (await unreadIn(a, [num(f, "thread")])).has(num(f, "thread")),
    expected: row(HIDDEN, T, HIDDEN, T, HIDDEN, HIDDEN),
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
  // Drafts are the member's own: nobody else reads, overwrites or discards them.
  {
    action: "save a draft",
    setup: async (w) => {
      const key = draftKeys.reply(await newThread(w.bystander));
      await saveDraft(w.owner, key, { body: "The member's words" });
      return { key };
    },
    run: (a, f) => saveDraft(a, f.key as string, { body: "Someone's new words" }),
    state: (f, w) => draftState(w.owner.id, f.key as string),
    expected: row(401, T, OWN, 403, OWN, OWN),
  },
  {
    action: "read the member's draft",
    setup: async (w) => {
      const key = draftKeys.reply(await newThread(w.bystander));
      await saveDraft(w.owner, key, { body: "The member's words" });
      return { key };
    },
    run: async (a, f) => (await getDraft(a, f.key as string))?.body === "The member's words",
    // A suspended member's drafts wait until the suspension ends.
    expected: row(HIDDEN, T, HIDDEN, HIDDEN, HIDDEN, HIDDEN),
  },
  {
    action: "discard the member's draft",
    setup: async (w) => {
      const key = draftKeys.reply(await newThread(w.bystander));
      await saveDraft(w.owner, key, { body: "The member's words" });
      return { key };
    },
    run: (a, f) => discardDraft(a, f.key as string),
    state: (f, w) => draftState(w.owner.id, f.key as string),
    expected: row(401, T, OWN, 403, OWN, OWN),
  },
  // Images
  {
    action: "upload an image",
    setup: async () => ({}),
    run: async (a) => uploadImage(a, { bytes: await tinyPng(), name: "shot.png" }),
    state: () => count("uploads"),
    expected: row(401, T, T, 403, T, T),
  },
  {
    action: "remove an uploaded image",
    setup: async (w) => {
      const uploaded = await uploadImage(w.owner.suspendedUntil === null ? w.owner : w.bystander, {
        bytes: await tinyPng(),
        name: "a.png",
      });
      return { key: uploaded.path.replace("/uploads/", "") };
    },
    run: (a, f) => removeImage(a, f.key as string, "Shows a customer's data"),
    state: (f) =>
      db()
        .selectFrom("uploads")
        .select("removed_at")
        .where("storage_key", "=", f.key as string)
        .executeTakeFirstOrThrow(),
    expected: staffOnly,
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

  // Customer accounts and demand per customer (issue 17): staff only, and one account never sees another's
  {
    action: "create a customer account",
    setup: async () => ({}),
    run: (a) => createAccount(a, accountInput("Created")),
    state: () => accountCount(),
    expected: staffOnly,
  },
  {
    action: "edit a customer account",
    setup: async (w) => ({ account: await customer(w, "Edited") }),
    run: (a, f) => updateAccount(a, num(f, "account"), { ...accountInput("Renamed"), arr: 1 }),
    state: (f) => accountState(num(f, "account")),
    expected: staffOnly,
  },
  {
    action: "put the member in a customer account",
    setup: async (w) => {
      await assignMember(w.staff, w.owner.id, null);
      return { account: await customer(w, "Joined") };
    },
    run: (a, f, w) => assignMember(a, w.owner.id, num(f, "account")),
    state: (_f, w) => db().selectFrom("users").select("account_id").where("id", "=", w.owner.id).executeTakeFirstOrThrow(),
    expected: staffOnly,
  },
  {
    action: "read customer accounts with their revenue, plan and segment",
    setup: async () => ({}),
    run: (a) => listAccounts(a),
    expected: staffOnly,
  },
  {
    action: "export customer accounts as CSV",
    setup: async () => ({}),
    run: (a) => exportAccountsCsv(a),
    expected: staffOnly,
  },
  {
    action: "import customer accounts from CSV",
    setup: async () => ({}),
    run: (a) => importAccountsCsv(a, new TextEncoder().encode(`name,slug,arr\nImported,imported-${unique()},10\n`)),
    state: () => accountCount(),
    expected: staffOnly,
  },
  {
    action: "record a vote on a customer's behalf",
    setup: async (w) => ({ idea: await newThread(w.bystander, "idea"), account: await customer(w, "Caller") }),
    run: (a, f) => recordOnBehalf(a, num(f, "idea"), { account: num(f, "account"), person: null, useCase: "From a call" }),
    state: (f) => onBehalfState(num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "remove feedback recorded on a customer's behalf",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await recordOnBehalf(w.staff, idea, { account: await customer(w, "Removed"), person: null, useCase: "From a ticket" });
      const record = await db().selectFrom("on_behalf_votes").select("id").where("thread_id", "=", idea).executeTakeFirstOrThrow();
      return { idea, record: record.id };
    },
    run: (a, f) => removeOnBehalf(a, num(f, "idea"), num(f, "record")),
    state: (f) => onBehalfState(num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "read another account's on-behalf quotes",
    setup: async (w) => {
      await customer(w, "Mine", w.owner);
      const idea = await newThread(w.bystander, "idea");
      await recordOnBehalf(w.staff, idea, { account: await customer(w, "Theirs"), person: null, useCase: "Theirs, in confidence" });
      return { idea };
    },
    run: async (a, f) => (await listOnBehalf(a, num(f, "idea"))).some((r) => r.useCase === "Theirs, in confidence"),
    expected: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, T, T),
  },
  {
    action: "read the member's own account's on-behalf quotes",
    setup: async (w) => {
      const idea = await newThread(w.bystander, "idea");
      await recordOnBehalf(w.staff, idea, { account: await customer(w, "Ours", w.owner), person: null, useCase: "Ours, from a call" });
      return { idea };
    },
    run: async (a, f) => (await listOnBehalf(a, num(f, "idea"))).some((r) => r.useCase === "Ours, from a call"),
    expected: row(HIDDEN, T, HIDDEN, T, T, T),
  },
  {
    action: "read an idea's demand (accounts and revenue)",
    setup: async (w) => ({ idea: await newThread(w.bystander, "idea") }),
    run: (a, f) => ideaDemand(a, num(f, "idea")),
    expected: staffOnly,
  },
  {
    action: "read demand per customer across ideas",
    setup: async () => ({}),
    run: (a) => listDemand(a),
    expected: staffOnly,
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
