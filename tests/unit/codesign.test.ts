import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { setIdeaStatus } from "~/models/idea-status.server";
import {
  acceptCredit,
  answerInvitation,
  getGroupForStaff,
  getGroupPanel,
  inviteToGroup,
  openGroup,
  publishSummary,
  setShowName,
} from "~/models/codesign.server";
import { withGroups } from "~/models/content.server";
import { listNotifications } from "~/models/notification-inbox.server";
import { listProducts } from "~/models/product.server";
import { vote } from "~/models/vote.server";
import { createReply } from "~/models/post.server";
import { createTestProduct, createTestThread, createTestUser, statusOf, type TestActor } from "./factories";

async function plannedIdea(author: TestActor, staff: TestActor, productId?: number) {
  const idea = await createTestThread(author, { kind: "idea", title: "Offline mode", productId });
  await setIdeaStatus(staff, idea, { status: "planned", note: "Planned." });
  return idea;
}

const discussionOf = async (group: number) =>
  await getDb().selectFrom("threads").select(["id", "product_id"]).where("group_id", "=", group).executeTakeFirstOrThrow();

describe("co-design groups", () => {
  it("staff open a group on a planned idea, invite a voter, who is notified and emailed, accepts, and then sees the private discussion", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    const voter = await createTestUser({ username: "voterann" });
    const outsider = await createTestUser();
    const productId = await createTestProduct();
    const idea = await plannedIdea(author, staff, productId);
    await vote(voter, idea);
    const before = (await listProducts()).find((p) => p.id === productId)!.threadCount;

    const group = await openGroup(staff, idea);
    const discussion = await discussionOf(group);
    // The group's thread is in no public count.
    expect((await listProducts()).find((p) => p.id === productId)!.threadCount).toBe(before);

    const staffView = await getGroupForStaff(staff, idea);
    expect(staffView.candidates.map((c) => c.username)).toContain("voterann");
    expect(await inviteToGroup(staff, idea, { userIds: [voter.id], usernames: [] })).toBe(1);
    const notes = await listNotifications(voter);
    expect(JSON.stringify(notes)).toContain("invited you to the co-design group");
    const emails = await getDb().selectFrom("email_outbox").select("subject").where("user_id", "=", voter.id).execute();
    expect(emails.map((e) => e.subject).join()).toContain("co-design group");

    // Invited is not yet in: the discussion is a 404 until they accept.
    expect(await statusOf(async () => (await import("~/models/thread.server")).getThreadPage(discussion.id, await withGroups(voter)))).toBe(
      404,
    );
    await answerInvitation(voter, idea, "accepted", false);
    const member = await withGroups(voter);
    const { getThreadPage } = await import("~/models/thread.server");
    expect((await getThreadPage(discussion.id, member)).thread.private).toBe(true);
    await createReply(member, discussion.id, "Our team works offline on trains.");
    const reply = await getDb().selectFrom("posts").select("group_id").where("thread_id", "=", discussion.id).executeTakeFirstOrThrow();
    expect(reply.group_id).toBe(group);
    expect(await statusOf(async () => getThreadPage(discussion.id, await withGroups(outsider)))).toBe(404);
    expect(await statusOf(async () => createReply(await withGroups(outsider), discussion.id, "Let me in"))).toBe(403);
  });

  it("the public idea shows how many customers are in the group, names only those who chose to be shown", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    const shy = await createTestUser({ username: "shymember" });
    const open = await createTestUser({ username: "openmember" });
    const idea = await plannedIdea(author, staff);
    await openGroup(staff, idea);
    await inviteToGroup(staff, idea, { userIds: [], usernames: ["shymember", "@openmember"] });
    await answerInvitation(shy, idea, "accepted", false);
    await answerInvitation(open, idea, "accepted", true);
    const panel = await getGroupPanel(null, idea);
    expect(panel).toMatchObject({ memberCount: 2, shown: [{ username: "openmember" }], discussion: null, own: null, manage: false });
    expect(JSON.stringify(panel)).not.toContain("shymember");
    await setShowName(open, idea, false);
    expect((await getGroupPanel(null, idea))!.shown).toEqual([]);
  });

  it("declining leaves the group out of sight; staff may invite again", async () => {
    const staff = await createTestUser({ role: "staff" });
    const invitee = await createTestUser();
    const idea = await plannedIdea(await createTestUser(), staff);
    await openGroup(staff, idea);
    await inviteToGroup(staff, idea, { userIds: [invitee.id], usernames: [] });
    await answerInvitation(invitee, idea, "declined");
    expect((await withGroups(invitee)).groupIds).toEqual([]);
    expect(await statusOf(() => answerInvitation(invitee, idea, "accepted"))).toBe(403);
    expect(await inviteToGroup(staff, idea, { userIds: [invitee.id], usernames: [] })).toBe(1);
    await answerInvitation(invitee, idea, "accepted");
    expect((await withGroups(invitee)).groupIds).toHaveLength(1);
  });

  it("publishing the summary shows it on the idea and offers members co-designer credit, which they accept", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const idea = await plannedIdea(await createTestUser(), staff);
    await openGroup(staff, idea);
    await inviteToGroup(staff, idea, { userIds: [member.id], usernames: [] });
    await answerInvitation(member, idea, "accepted");
    expect(await statusOf(() => acceptCredit(member, idea))).toBe(403);
    await publishSummary(staff, idea, "We agreed on **sync on reconnect**.");
    const panel = await getGroupPanel(member, idea);
    expect(panel!.summaryHtml).toContain("<strong>sync on reconnect</strong>");
    expect(panel!.creditOffered).toBe(true);
    await acceptCredit(member, idea);
    const credit = await getDb()
      .selectFrom("co_designers")
      .select("contribution")
      .where("thread_id", "=", idea)
      .where("user_id", "=", member.id)
      .execute();
    expect(credit).toHaveLength(1);
    expect((await getGroupPanel(member, idea))!.creditOffered).toBe(false);
  });

  it("refuses a group on an open idea, a second group, unknown usernames and staff invitees, with messages", async () => {
    const staff = await createTestUser({ role: "staff" });
    const open = await createTestThread(await createTestUser(), { kind: "idea" });
    expect(await statusOf(() => openGroup(staff, open))).toBe(400);
    const idea = await plannedIdea(await createTestUser(), staff);
    await openGroup(staff, idea);
    expect(await statusOf(() => openGroup(staff, idea))).toBe(409);
    expect(await statusOf(() => inviteToGroup(staff, idea, { userIds: [], usernames: ["nobody-by-that-name"] }))).toBe(400);
    expect(await statusOf(() => inviteToGroup(staff, idea, { userIds: [staff.id], usernames: [] }))).toBe(400);
    expect(await statusOf(() => inviteToGroup(staff, idea, { userIds: [], usernames: [] }))).toBe(400);
  });

  it("two staff opening a group at once make one group and one discussion", async () => {
    const staff = await createTestUser({ role: "staff" });
    const idea = await plannedIdea(await createTestUser(), staff);
    const results = await Promise.allSettled([openGroup(staff, idea), openGroup(staff, idea)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const groups = await getDb().selectFrom("codesign_groups").select("id").where("idea_id", "=", idea).execute();
    expect(groups).toHaveLength(1);
    const threads = await getDb().selectFrom("threads").select("id").where("group_id", "=", groups[0]!.id).execute();
    expect(threads).toHaveLength(1);
  });
});
