import { getDb } from "~db/client.server";
import { forUpdate } from "~db/engine.server";
import type { CodesignMemberState } from "~db/schema";
import { can, contentSight, type Actor } from "~/auth/permissions.server";
import { recordAudit } from "./audit.server";
import { requireThread } from "./content.server";
import { Conflict, ensure, Forbidden, Invalid, NotFound, SignInRequired } from "./errors.server";
import { notify } from "./notification.server";
import { draftPost, renderNote } from "./post-text.server";
import { followAutomatically } from "./subscription.server";

/**
 * Private co-design groups (issue 21): staff open one on an accepted or
 * planned idea and invite customers; those who accept see the group's own
 * discussion, a thread whose group_id is the group's. Who sees that thread
 * and its replies is the one rule of content.server.ts (group_id is a state
 * it knows), so lists, search, feeds, the sitemap, the API and
 * notifications leave it out for everyone else without a check of their own.
 * The public idea shows only how many customers are in the group, and the
 * names of those who chose to be shown.
 */

/** Accepted ideas (co-designed), and those planned or in progress, may get a group. */
const OPEN_TO_GROUPS = new Set(["planned", "in_progress"]);
export const GROUP_INVITES_MAX = 50;
const CREDIT_NOTE = "Member of the co-design group";

async function requireIdeaToManage(actor: Actor, ideaId: number, db = getDb()) {
  const idea = await requireThread(ideaId, db);
  ensure(can.manageCodesignGroup(actor, idea), Forbidden, "Only staff can manage co-design groups, and only on ideas.");
  return idea;
}

/** Opens the idea's group and its private discussion thread, in one transaction. Returns the group id. */
export async function openGroup(actor: Actor, ideaId: number): Promise<number> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const idea = await requireIdeaToManage(actor, ideaId, trx);
      ensure(
        idea.co_designed_at !== null || OPEN_TO_GROUPS.has(idea.status ?? ""),
        Invalid,
        "Open a co-design group on an accepted or planned idea.",
      );
      const existing = await trx.selectFrom("codesign_groups").select("id").where("idea_id", "=", ideaId).executeTakeFirst();
      ensure(!existing, Conflict, "This idea already has a co-design group.");
      const now = Date.now();
      const group = await trx
        .insertInto("codesign_groups")
        .values({ idea_id: ideaId, created_by: actor!.id, created_at: now })
        // Two staff at once: the unique idea_id lets one in; the other is told, not shown a 500.
        .onConflict((oc) => oc.column("idea_id").doNothing())
        .returning("id")
        .executeTakeFirst();
      ensure(group, Conflict, "This idea already has a co-design group.");
      const body = `The private discussion of the co-design group on “${idea.title}”. Only the group's members and staff can read it.`;
      const thread = await trx
        .insertInto("threads")
        .values({
          product_id: idea.product_id,
          author_id: actor!.id,
          kind: "discussion",
          title: `Co-design group: ${idea.title}`.slice(0, 200),
          body,
          body_html: draftPost(body).html,
          status: null,
          last_activity_at: now,
          created_at: now,
          group_id: group.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await followAutomatically(trx, thread.id, actor!.id, "watching");
      await recordAudit(trx, { actorId: actor!.id, action: "codesign.open", targetType: "thread", targetId: ideaId });
      return group.id;
    });
}

async function requireGroup(ideaId: number, db = getDb(), options: { lock?: boolean } = {}) {
  const query = db.selectFrom("codesign_groups").selectAll().where("idea_id", "=", ideaId);
  const group = await (options.lock ? forUpdate(query) : query).executeTakeFirst();
  ensure(group, NotFound, "This idea has no co-design group.");
  return group;
}

/**
 * Staff invite people (by id, from the candidates, or by username): each
 * gets a notification and an email. Someone who declined may be invited
 * again; those already invited or in the group are left as they are.
 */
export async function inviteToGroup(actor: Actor, ideaId: number, people: { userIds: number[]; usernames: string[] }): Promise<number> {
  await requireIdeaToManage(actor, ideaId);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const group = await requireGroup(ideaId, trx, { lock: true });
      const ids = new Set(people.userIds);
      for (const typed of people.usernames) {
        const username = typed.replace(/^@/, "");
        const user = await trx.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
        ensure(user, Invalid, "username", `There is no member called @${username}.`);
        ids.add(user.id);
      }
      ensure(ids.size > 0, Invalid, "form", "Choose someone to invite, or type a username.");
      ensure(ids.size <= GROUP_INVITES_MAX, Invalid, "form", `Invite at most ${GROUP_INVITES_MAX} people at a time.`);
      const found = await trx
        .selectFrom("users")
        .select(["id", "role"])
        .where("id", "in", [...ids])
        .execute();
      ensure(found.length === ids.size, Invalid, "form", "Some of those people don't exist.");
      ensure(
        found.every((user) => user.role === "member"),
        Invalid,
        "form",
        "Staff see every group already: invite customers.",
      );
      const now = Date.now();
      const invited: number[] = [];
      for (const userId of ids) {
        const result = await trx
          .insertInto("codesign_members")
          .values({ group_id: group.id, user_id: userId, state: "invited", invited_by: actor!.id, invited_at: now })
          .onConflict((oc) =>
            oc
              .columns(["group_id", "user_id"])
              .doUpdateSet({ state: "invited", invited_by: actor!.id, invited_at: now, responded_at: null })
              .where("codesign_members.state", "=", "declined"),
          )
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows) > 0) invited.push(userId);
      }
      await notify(trx, invited, { kind: "codesign_invite", threadId: ideaId, actorId: actor!.id });
      await recordAudit(trx, {
        actorId: actor!.id,
        action: "codesign.invite",
        targetType: "thread",
        targetId: ideaId,
        detail: `${invited.length} invited`,
      });
      return invited.length;
    });
}

/** An invited member accepts or declines; a member may leave (declined). Checked and written in one conditional update. */
export async function answerInvitation(actor: Actor, ideaId: number, answer: "accepted" | "declined", showName = false): Promise<void> {
  ensure(actor, SignInRequired, "Sign in to answer the invitation.");
  ensure(can.answerInvitation(actor), Forbidden, "You can't answer invitations right now.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const group = await requireGroup(ideaId, trx);
      const from: CodesignMemberState[] = answer === "accepted" ? ["invited"] : ["invited", "accepted"];
      const result = await trx
        .updateTable("codesign_members")
        .set({ state: answer, responded_at: Date.now(), show_name: answer === "accepted" && showName ? 1 : 0 })
        .where("group_id", "=", group.id)
        .where("user_id", "=", actor.id)
        .where("state", "in", from)
        .executeTakeFirst();
      ensure(Number(result.numUpdatedRows) === 1, Forbidden, "You have no open invitation to this group.");
      if (answer === "accepted") {
        const discussion = await trx.selectFrom("threads").select("id").where("group_id", "=", group.id).executeTakeFirst();
        if (discussion) await followAutomatically(trx, discussion.id, actor.id, "watching");
      }
    });
}

/** A member chooses whether the public idea names them. */
export async function setShowName(actor: Actor, ideaId: number, show: boolean): Promise<void> {
  ensure(actor, SignInRequired, "Sign in first.");
  const group = await requireGroup(ideaId);
  const result = await getDb()
    .updateTable("codesign_members")
    .set({ show_name: show ? 1 : 0 })
    .where("group_id", "=", group.id)
    .where("user_id", "=", actor.id)
    .where("state", "=", "accepted")
    .executeTakeFirst();
  ensure(Number(result.numUpdatedRows) === 1, Forbidden, "Only members of the group choose this.");
}

/** Staff publish (or replace) the group's summary on the public idea; its members are then offered co-designer credit. */
export async function publishSummary(actor: Actor, ideaId: number, summary: string): Promise<void> {
  await requireIdeaToManage(actor, ideaId);
  const html = renderNote(summary, "summary");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const group = await requireGroup(ideaId, trx, { lock: true });
      await trx
        .updateTable("codesign_groups")
        .set({ summary, summary_html: html, summary_at: Date.now() })
        .where("id", "=", group.id)
        .execute();
      await recordAudit(trx, { actorId: actor!.id, action: "codesign.summary", targetType: "thread", targetId: ideaId });
    });
}

/** A member of a group whose summary is published takes the co-designer credit offered; credits then work as any other. */
export async function acceptCredit(actor: Actor, ideaId: number): Promise<void> {
  ensure(actor, SignInRequired, "Sign in first.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const group = await requireGroup(ideaId, trx);
      ensure(group.summary_at !== null, Forbidden, "Credit is offered once the group's summary is published.");
      const member = await trx
        .selectFrom("codesign_members")
        .select("state")
        .where("group_id", "=", group.id)
        .where("user_id", "=", actor.id)
        .executeTakeFirst();
      ensure(member?.state === "accepted", Forbidden, "Only members of the group are offered this credit.");
      await trx
        .insertInto("co_designers")
        .values({ thread_id: ideaId, user_id: actor.id, contribution: CREDIT_NOTE, credited_by: group.created_by, created_at: Date.now() })
        .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doNothing())
        .execute();
    });
}

/**
 * What the idea page shows of its group to `viewer`: to everyone, how many
 * customers are in it, those who chose to be named, and the summary; to an
 * invitee or member, their own standing and (members) the discussion; to
 * staff, the link to manage it. Null when the idea has no group.
 */
export async function getGroupPanel(viewer: Actor, ideaId: number) {
  const db = getDb();
  const group = await db.selectFrom("codesign_groups").selectAll().where("idea_id", "=", ideaId).executeTakeFirst();
  if (!group) return null;
  const members = await db
    .selectFrom("codesign_members")
    .innerJoin("users", "users.id", "codesign_members.user_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name as displayName",
      "codesign_members.state",
      "codesign_members.show_name as showName",
    ])
    .where("group_id", "=", group.id)
    .orderBy("users.username")
    .execute();
  const accepted = members.filter((m) => m.state === "accepted");
  const own = viewer ? members.find((m) => m.id === viewer.id) : undefined;
  const inGroup = own?.state === "accepted";
  // Active staff see every group's discussion (contentSight), as they manage it.
  const staff = contentSight(viewer).everything;
  const discussion =
    inGroup || staff
      ? await db.selectFrom("threads").select(["id", "title"]).where("group_id", "=", group.id).executeTakeFirst()
      : undefined;
  const credited =
    inGroup && viewer
      ? await db
          .selectFrom("co_designers")
          .select("user_id")
          .where("thread_id", "=", ideaId)
          .where("user_id", "=", viewer.id)
          .executeTakeFirst()
      : undefined;
  return {
    memberCount: accepted.length,
    shown: accepted.filter((m) => m.showName === 1).map(({ username, displayName }) => ({ username, displayName })),
    summaryHtml: group.summary_html,
    own: own ? { state: own.state, showName: own.showName === 1 } : null,
    discussion: discussion ?? null,
    creditOffered: inGroup && group.summary_at !== null && !credited,
    manage: staff,
  };
}

/** The staff page: the group, everyone invited and their answer, and whom to invite (voters, measure owners, participants). */
export async function getGroupForStaff(actor: Actor, ideaId: number) {
  const idea = await requireIdeaToManage(actor, ideaId);
  const db = getDb();
  const group = await db.selectFrom("codesign_groups").selectAll().where("idea_id", "=", ideaId).executeTakeFirst();
  const members = group
    ? await db
        .selectFrom("codesign_members")
        .innerJoin("users", "users.id", "codesign_members.user_id")
        .select(["users.id", "users.username", "users.display_name as displayName", "codesign_members.state"])
        .where("group_id", "=", group.id)
        .orderBy("users.username")
        .execute()
    : [];
  const taken = new Set(members.filter((m) => m.state !== "declined").map((m) => m.id));
  const candidates = await db
    .selectFrom("users")
    .select(["users.id", "users.username", "users.display_name as displayName"])
    .where("users.role", "=", "member")
    .where((eb) =>
      eb.or([
        eb("users.id", "in", eb.selectFrom("votes").select("user_id").where("thread_id", "=", ideaId)),
        eb("users.id", "in", eb.selectFrom("success_measures").select("user_id").where("thread_id", "=", ideaId)),
        eb("users.id", "in", eb.selectFrom("posts").select("author_id").where("thread_id", "=", ideaId).where("deleted_at", "is", null)),
        eb("users.id", "=", idea.author_id),
      ]),
    )
    .orderBy("users.username")
    .limit(200)
    .execute();
  const discussion = group
    ? await db.selectFrom("threads").select(["id", "title"]).where("group_id", "=", group.id).executeTakeFirst()
    : undefined;
  return {
    idea: { id: idea.id, title: idea.title },
    canOpen: idea.co_designed_at !== null || OPEN_TO_GROUPS.has(idea.status ?? ""),
    group: group ? { summary: group.summary ?? "", summaryAt: group.summary_at } : null,
    discussion: discussion ?? null,
    members,
    candidates: candidates.filter((c) => !taken.has(c.id)),
  };
}
