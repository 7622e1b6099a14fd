import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { can, type Actor } from "~/auth/permissions.server";
import { groupsOf, listedTo, sightOf, visibleTo } from "~/models/content.server";
import { answerInvitation, inviteToGroup, openGroup } from "~/models/codesign.server";
import { getContentSummary } from "~/models/content-summary.server";
import { listFeedThreads } from "~/models/feed.server";
import { flagContent, listFlagQueue } from "~/models/flag.server";
import { getApiThread, listApiThreads } from "~/models/api.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import { getIdeaDetails, getIdeaSummary } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { deleteContent, hideContent } from "~/models/moderation.server";
import { listNotifications, openNotification } from "~/models/notification-inbox.server";
import { editReply } from "~/models/post.server";
import { listProducts } from "~/models/product.server";
import { getProfile } from "~/models/profile.server";
import { getHistory } from "~/models/revision.server";
import { getRoadmap } from "~/models/roadmap.server";
import { searchThreads } from "~/models/search.server";
import { threadSitemapEntries } from "~/models/sitemap.server";
import { addStaffNote } from "~/models/staff-note.server";
import { createTag, listTagsWithCounts } from "~/models/tag.server";
import { listThreads } from "~/models/thread-list.server";
import { editThread, getThreadPage, listLatestThreads } from "~/models/thread.server";
import { createTestProduct, createTestReply, createTestThread, createTestUser, type TestActor } from "./factories";
import { refusalStatus } from "~/http/refusals.server";
import { DomainError } from "~/models/errors.server";

/**
 * Who sees a thread or a reply, on every surface: a table of
 * (surface × state → what each kind of person sees). The rule is one
 * (can.see and visibleTo): hidden content is for staff and its author, with
 * the reason; deleted content for staff only; a merged idea stays visible,
 * showing "merged", but leaves status lists and the roadmap; staff notes are
 * for staff only. Published surfaces (search, feeds, sitemap, API, roadmap,
 * the product and tag counts) are the same for everyone: what a visitor sees.
 * Presentations differ: the thread page keeps a hidden post's place with a
 * placeholder, lists leave it out.
 *
 * In every state the author wrote an idea (planned, tagged, edited once)
 * and a reply (edited once) in someone else's thread; another member flagged
 * both, and everyone has a notification about the idea. Then staff hide,
 * delete or merge them, or write a staff note on the idea. Each state's
 * text carries its own marker word, in the note only for "staff note".
 * "suspended member" is the author while suspended, as in authorization.test.ts.
 * "co-design group": the idea and the reply are private to a co-design group
 * the author accepted to join (a group's discussion is a discussion thread;
 * the table puts the idea itself in the group so that every surface,
 * status lists and the roadmap too, is checked against the rule).
 */

const roleNames = ["visitor", "author", "other member", "suspended member", "staff", "admin"] as const;
type RoleName = (typeof roleNames)[number];
const states = ["visible", "hidden", "deleted", "merged", "staff note", "co-design group"] as const;
type State = (typeof states)[number];

/** S: shown; A: absent (not listed, not counted, or its text not in the answer); P: a placeholder in its place; a number: the HTTP status it is refused with; "-": does not apply. */
type Outcome = "S" | "A" | "P" | "-" | number;

type Fixture = {
  author: TestActor;
  marker: string;
  replyMarker: string;
  idea: number;
  reply: number;
  replyThread: number;
  productId: number;
  tagId: number;
  authorUsername: string;
  /** The co-design groups the author accepted to join, as their session carries them. */
  groupIds: number[];
};

type World = { other: TestActor; staff: TestActor; admin: TestActor; bystander: TestActor };
let world: World;
const fixtures = new Map<State, Fixture>();

const words: Record<State, string> = {
  visible: "alpha",
  hidden: "bravo",
  deleted: "charlie",
  merged: "delta",
  "staff note": "echo",
  "co-design group": "foxtrot",
};
const HOUR = 3_600_000;

const thread = (id: number) => ({ type: "thread" as const, id });
const post = (id: number) => ({ type: "post" as const, id });

async function build(state: State): Promise<Fixture> {
  const { other, staff, admin, bystander } = world;
  const word = words[state];
  const authorUsername = `author${word}`;
  const author = await createTestUser({ username: authorUsername });
  const productId = await createTestProduct();
  const tag = await createTag(staff, { name: `Tag ${word}`, slug: `tag-${word}` });
  const marker = state === "staff note" ? `plain${word}` : `${word}thread`;
  const replyMarker = `${word}reply`;
  const idea = await createTestThread(author, { productId, kind: "idea", title: `Idea ${marker}`, body: `About ${marker}.` });
  await editThread(author, idea, { title: `Idea ${marker}`, body: `About ${marker}, edited.`, tagIds: [tag.id] });
  await setIdeaStatus(staff, idea, { status: "planned", note: "Decided in review." });
  const replyThread = await createTestThread(bystander, { title: `Host ${word}` });
  const reply = await createTestReply(author, replyThread, `Reply ${replyMarker}.`);
  await editReply(author, reply, `Reply ${replyMarker}, edited.`);
  await flagContent(other, thread(idea), { reason: "spam", note: "" });
  await flagContent(other, post(reply), { reason: "spam", note: "" });
  for (const person of [author, other, staff, admin]) {
    await getDb()
      .insertInto("notifications")
      .values({ user_id: person.id, kind: "reply", thread_id: idea, post_id: null, actor_id: null, created_at: Date.now(), read_at: null })
      .execute();
  }
  if (state === "hidden") {
    await hideContent(staff, thread(idea), "Off topic");
    await hideContent(staff, post(reply), "Off topic");
  }
  if (state === "deleted") {
    await deleteContent(staff, thread(idea), "Spam");
    await deleteContent(staff, post(reply), "Spam");
  }
  if (state === "merged") {
    const target = await createTestThread(bystander, { kind: "idea", title: "The idea to keep" });
    await mergeIdea(staff, idea, target);
  }
  if (state === "staff note") await addStaffNote(staff, idea, `Customer call about ${word}thread.`);
  if (state === "co-design group") {
    const host = await createTestThread(bystander, { kind: "idea", title: "The idea the group works on" });
    await setIdeaStatus(staff, host, { status: "planned", note: "Planned." });
    const group = await openGroup(staff, host);
    await inviteToGroup(staff, host, { userIds: [author.id], usernames: [] });
    await answerInvitation(author, host, "accepted");
    // The fixture's idea takes the place of the group's discussion (a group has one).
    await getDb().updateTable("threads").set({ group_id: null }).where("group_id", "=", group).execute();
    await getDb().updateTable("threads").set({ group_id: group }).where("id", "=", idea).execute();
    await getDb().updateTable("posts").set({ group_id: group }).where("id", "=", reply).execute();
  }
  const groupIds = (await groupsOf(getDb(), [author.id])).get(author.id) ?? [];
  return { author, marker: `${word}thread`, replyMarker, idea, reply, replyThread, productId, tagId: tag.id, authorUsername, groupIds };
}

function viewerOf(role: RoleName, f: Fixture): Actor {
  switch (role) {
    case "visitor":
      return null;
    case "author":
      return { ...f.author, groupIds: f.groupIds };
    case "suspended member":
      return { ...f.author, groupIds: f.groupIds, suspendedUntil: Date.now() + HOUR };
    case "other member":
      return world.other;
    default:
      return world[role];
  }
}

const shows = (value: unknown, marker: string): Outcome => (JSON.stringify(value).includes(marker) ? "S" : "A");
const listed = (found: boolean): Outcome => (found ? "S" : "A");

/** Each surface as a person meets it: what it shows of the fixture's idea or reply. */
const surfaces: Record<string, (viewer: Actor, f: Fixture) => Promise<Outcome>> = {
  "thread page: the idea, its staff notes": async (v, f) => {
    const page = await getThreadPage(f.idea, v);
    if (page.hidden?.placeholder) return "P";
    return shows({ page, details: await getIdeaDetails(v, f.idea) }, f.marker);
  },
  "thread page: the reply": async (v, f) => {
    const reply = (await getThreadPage(f.replyThread, v)).replies.find((r) => r.id === f.reply);
    if (!reply) return "A";
    return reply.hidden?.placeholder ? "P" : shows(reply, f.replyMarker);
  },
  "product list": async (v, f) => shows((await listThreads({ productId: f.productId }, "activity", {}, {}, v)).threads, f.marker),
  "tag list": async (v, f) => shows((await listThreads({ tagId: f.tagId }, "activity", {}, {}, v)).threads, f.marker),
  "latest threads (home)": async (v, f) => shows(await listLatestThreads(100, v), f.marker),
  "planned ideas (a status list)": async (v, f) =>
    shows((await listThreads({ productId: f.productId }, "activity", { status: "planned" }, {}, v)).threads, f.marker),
  "product's thread count": async (_v, f) => listed((await listProducts()).find((p) => p.id === f.productId)?.threadCount === 1),
  "tag's thread count": async (_v, f) => listed((await listTagsWithCounts()).find((t) => t.id === f.tagId)?.threadCount === 1),
  "profile: threads": async (v, f) => shows((await getProfile(f.authorUsername, v)).threads, f.marker),
  "profile: thread count": async (v, f) => listed((await getProfile(f.authorUsername, v)).counts.threads === 1),
  "profile: replies": async (v, f) => listed((await getProfile(f.authorUsername, v)).replies.some((r) => r.id === f.reply)),
  "profile: reply count": async (v, f) => listed((await getProfile(f.authorUsername, v)).counts.replies === 1),
  "search: the idea": async (_v, f) => listed((await searchThreads(f.marker)).results.some((r) => r.id === f.idea)),
  "search: the reply": async (_v, f) => listed((await searchThreads(f.replyMarker)).results.some((r) => r.href.includes(String(f.reply)))),
  feed: async (_v, f) => shows(await listFeedThreads(f.productId), f.marker),
  sitemap: async (_v, f) => shows(await threadSitemapEntries(1), f.marker),
  "API: thread list": async (_v, f) => shows((await listApiThreads({ productId: f.productId }, null, 50)).threads, f.marker),
  "API: the idea": async (_v, f) => shows(await getApiThread(f.idea), f.marker),
  "API: the reply": async (_v, f) => listed((await getApiThread(f.replyThread)).replies.some((r) => r.id === f.reply)),
  roadmap: async (_v, f) => shows(await getRoadmap({ productId: f.productId }), f.marker),
  "edit history: the idea": async (v, f) => shows(await getHistory(v, thread(f.idea)), f.marker),
  "edit history: the reply": async (v, f) => shows(await getHistory(v, post(f.reply)), f.replyMarker),
  "focused pages (flag, staff tools)": async (v, f) => shows(await getContentSummary(thread(f.idea), v), f.marker),
  "the idea's own pages (status, credits, measure)": async (v, f) => shows(await getIdeaSummary(f.idea, v), f.marker),
  notifications: async (v, f) => shows(await listNotifications(v), f.marker),
  "following a notification (where it leads)": async (v, f) => {
    const own = await getDb()
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", v?.id ?? 0)
      .where("thread_id", "=", f.idea)
      .executeTakeFirst();
    return shows(await openNotification(v, own?.id ?? 0), f.marker);
  },
  "flag queue: the idea": async (v, f) => shows(await listFlagQueue(v), f.marker),
  "flag queue: the reply": async (v, f) => shows(await listFlagQueue(v), f.replyMarker),
};

// Columns: visitor, author, other member, suspended member, staff, admin.
const everyone = "S S S S S S";
const nobody = "A A A A A A";
const staffOnly = "A A A A S S";
const staffAndAuthor = "A S A S S S";
const placeholderForOthers = "P S P S S S";
const missingForOthers = "404 S 404 S S S";
const staffPage = "403 403 403 403 S S";
const published = { visible: everyone, hidden: nobody, deleted: nobody, merged: everyone, "staff note": nobody, "co-design group": nobody };
/** In the co-design group state the author is the group's member: they and staff see it. */
const forTheViewer = {
  visible: everyone,
  hidden: staffAndAuthor,
  deleted: staffOnly,
  merged: everyone,
  "staff note": nobody,
  "co-design group": staffAndAuthor,
};
const notApplicable = "- - - - - -";
/** Replies are neither merged nor carry staff notes. */
const aReply = (hidden: string, deleted: string, group = staffAndAuthor) => ({
  visible: everyone,
  hidden,
  deleted,
  merged: notApplicable,
  "staff note": notApplicable,
  "co-design group": group,
});
/** Counts count threads; a staff note is no thread. */
const aCount = (counts: Record<State, string>) => ({ ...counts, "staff note": notApplicable });

const table: Record<keyof typeof surfaces, Record<State, string>> = {
  "thread page: the idea, its staff notes": {
    visible: everyone,
    hidden: placeholderForOthers,
    deleted: "404 404 404 404 S S",
    merged: everyone,
    "staff note": staffOnly,
    "co-design group": missingForOthers,
  },
  "thread page: the reply": aReply(placeholderForOthers, staffOnly),
  "product list": forTheViewer,
  "tag list": forTheViewer,
  "latest threads (home)": forTheViewer,
  "planned ideas (a status list)": { ...forTheViewer, merged: nobody },
  "product's thread count": aCount(published),
  "tag's thread count": aCount(published),
  "profile: threads": forTheViewer,
  "profile: thread count": aCount(forTheViewer),
  "profile: replies": aReply(staffAndAuthor, staffOnly),
  "profile: reply count": aReply(staffAndAuthor, staffOnly),
  "search: the idea": published,
  "search: the reply": aReply(nobody, nobody, nobody),
  feed: published,
  sitemap: published,
  "API: thread list": published,
  "API: the idea": {
    ...published,
    hidden: "404 404 404 404 404 404",
    deleted: "404 404 404 404 404 404",
    "co-design group": "404 404 404 404 404 404",
  },
  "API: the reply": aReply(nobody, nobody, nobody),
  roadmap: { ...published, merged: nobody },
  "edit history: the idea": {
    ...forTheViewer,
    hidden: missingForOthers,
    deleted: "404 404 404 404 S S",
    "co-design group": missingForOthers,
  },
  "edit history: the reply": aReply(missingForOthers, "404 404 404 404 S S", missingForOthers),
  "focused pages (flag, staff tools)": {
    ...forTheViewer,
    hidden: missingForOthers,
    deleted: "404 404 404 404 S S",
    "co-design group": missingForOthers,
  },
  // Pages for acting on an idea: a deleted one takes no action until staff restore it.
  "the idea's own pages (status, credits, measure)": {
    ...forTheViewer,
    hidden: missingForOthers,
    deleted: "404 404 404 404 404 404",
    "co-design group": missingForOthers,
  },
  notifications: {
    visible: "401 S S S S S",
    hidden: "401 S A S S S",
    deleted: "401 A A A S S",
    merged: "401 S S S S S",
    "staff note": "401 A A A A A",
    "co-design group": "401 S A S S S",
  },
  "following a notification (where it leads)": {
    visible: "401 S S S S S",
    hidden: "401 S A S S S",
    deleted: "401 A A A S S",
    merged: "401 S S S S S",
    "staff note": "401 A A A A A",
    "co-design group": "401 S A S S S",
  },
  "flag queue: the idea": {
    visible: staffPage,
    hidden: staffPage,
    deleted: staffPage,
    merged: staffPage,
    "staff note": "403 403 403 403 A A",
    "co-design group": staffPage,
  },
  "flag queue: the reply": { ...aReply(staffPage, staffPage, staffPage), visible: staffPage },
};

function expectations(surface: string, state: State): Outcome[] {
  const cells = table[surface]![state].split(" ");
  if (cells.length !== roleNames.length) throw new Error(`${surface}, ${state}: expected ${roleNames.length} columns`);
  return cells.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : (cell as Outcome)));
}

async function outcome(probe: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await probe();
  } catch (error) {
    if (error instanceof DomainError) return refusalStatus(error);
    if (error instanceof Response) return error.status;
    throw error;
  }
}

beforeAll(async () => {
  world = {
    other: await createTestUser(),
    staff: await createTestUser({ role: "staff" }),
    admin: await createTestUser({ role: "admin" }),
    bystander: await createTestUser(),
  };
  for (const state of states) fixtures.set(state, await build(state));
});

describe("who sees a thread or a reply, surface by surface", () => {
  it("has a row for every surface and a column for every role", () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(surfaces).sort());
    for (const surface of Object.keys(table))
      for (const state of states) expect(expectations(surface, state)).toHaveLength(roleNames.length);
  });

  const cases = Object.keys(surfaces).flatMap((surface) => states.map((state) => ({ surface, state })));
  it.each(cases)("$surface, $state", async ({ surface, state }) => {
    const f = fixtures.get(state)!;
    const expected = expectations(surface, state);
    const seen: Outcome[] = [];
    for (const [column, role] of roleNames.entries()) {
      seen.push(expected[column] === "-" ? "-" : await outcome(() => surfaces[surface]!(viewerOf(role, f), f)));
    }
    expect(Object.fromEntries(roleNames.map((role, i) => [role, seen[i]]))).toEqual(
      Object.fromEntries(roleNames.map((role, i) => [role, expected[i]])),
    );
  });
});

describe("the query predicate and can.see are one rule", () => {
  it("visibleTo selects exactly the rows can.see allows, and listedTo those sightOf keeps in their place, for threads and replies", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const viewers: Record<string, Actor> = {
      visitor: null,
      author,
      "other member": await createTestUser(),
      "suspended author": { ...author, suspendedUntil: Date.now() + HOUR },
      staff,
      admin: await createTestUser({ role: "admin" }),
      "suspended staff": { ...staff, suspendedUntil: Date.now() + HOUR },
    };
    const states = [
      { hidden_at: null, deleted_at: null },
      { hidden_at: 1, deleted_at: null },
      { hidden_at: null, deleted_at: 1 },
      { hidden_at: 1, deleted_at: 1 },
    ];
    const host = await createTestThread(author);
    const threads: number[] = [];
    const replies: number[] = [];
    for (const state of states) {
      const id = await createTestThread(author);
      await getDb().updateTable("threads").set(state).where("id", "=", id).execute();
      threads.push(id);
      const reply = await createTestReply(author, host);
      await getDb().updateTable("posts").set(state).where("id", "=", reply).execute();
      replies.push(reply);
    }
    for (const [name, viewer] of Object.entries(viewers)) {
      const rows = {
        threads: await getDb()
          .selectFrom("threads")
          .select(["threads.id", "author_id", "hidden_at", "deleted_at", "group_id"])
          .where("threads.id", "in", threads)
          .execute(),
        posts: await getDb()
          .selectFrom("posts")
          .select(["posts.id", "author_id", "hidden_at", "deleted_at", "group_id"])
          .where("posts.id", "in", replies)
          .execute(),
      };
      for (const table of ["threads", "posts"] as const) {
        const ids = rows[table].map((row) => row.id);
        const query = () =>
          getDb()
            .selectFrom(table)
            .select(`${table}.id` as "threads.id")
            .where(`${table}.id` as "threads.id", "in", ids);
        const visible = (await query().where(visibleTo(viewer, table)).execute()).map((row) => row.id).sort();
        const listed = (await query().where(listedTo(viewer, table)).execute()).map((row) => row.id).sort();
        expect({ viewer: name, table, visible }).toEqual({
          viewer: name,
          table,
          visible: rows[table]
            .filter((row) => can.see(viewer, row))
            .map((row) => row.id)
            .sort(),
        });
        expect({ viewer: name, table, listed }).toEqual({
          viewer: name,
          table,
          listed: rows[table]
            .filter((row) => sightOf(viewer, row) !== "gone")
            .map((row) => row.id)
            .sort(),
        });
      }
    }
    // The rule itself: what each viewer sees of the visible, hidden, deleted and hidden-and-deleted thread.
    const seen = Object.fromEntries(
      await Promise.all(
        Object.entries(viewers).map(async ([name, viewer]) => [
          name,
          (await getDb().selectFrom("threads").select("threads.id").where("threads.id", "in", threads).where(visibleTo(viewer)).execute())
            .length,
        ]),
      ),
    );
    expect(seen).toEqual({ visitor: 1, author: 2, "other member": 1, "suspended author": 2, staff: 4, admin: 4, "suspended staff": 1 });
  });
});

describe("notifications go only to those who may see what they are about", () => {
  it("a status change on a hidden idea tells its author and staff among its followers, not the other members", async () => {
    const author = await createTestUser();
    const follower = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestThread(author, { kind: "idea" });
    for (const member of [follower, staff]) {
      await getDb()
        .insertInto("subscriptions")
        .values({ thread_id: idea, user_id: member.id, level: "watching", created_at: Date.now() })
        .execute();
    }
    await hideContent(staff, thread(idea), "Under review");
    const other = await createTestUser({ role: "staff" });
    await setIdeaStatus(other, idea, { status: "under_review", note: "" });
    const told = await getDb()
      .selectFrom("notifications")
      .select("user_id")
      .where("thread_id", "=", idea)
      .where("kind", "=", "status_changed")
      .execute();
    expect(told.map((row) => row.user_id).sort()).toEqual([author.id, staff.id].sort());
    const emailed = await getDb()
      .selectFrom("email_outbox")
      .select("user_id")
      .where("kind", "=", "status_changed")
      .where("user_id", "in", [author.id, follower.id, staff.id])
      .execute();
    expect(emailed.map((row) => row.user_id)).not.toContain(follower.id);
  });
});
