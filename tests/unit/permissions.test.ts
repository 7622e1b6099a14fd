import { describe, expect, it, vi } from "vitest";
import { can, type Actor } from "~/auth/permissions.server";

const HOUR = 60 * 60 * 1000;
const AUTHOR_ID = 1;

const roles = {
  visitor: null,
  member: { id: AUTHOR_ID, role: "member", suspendedUntil: null, emailVerifiedAt: 1 },
  "other member": { id: 2, role: "member", suspendedUntil: null, emailVerifiedAt: 1 },
  // The author themself, suspended: suspension outweighs ownership.
  "suspended member": { id: AUTHOR_ID, role: "member", suspendedUntil: Date.now() + HOUR, emailVerifiedAt: 1 },
  "member whose suspension ended": { id: AUTHOR_ID, role: "member", suspendedUntil: Date.now() - HOUR, emailVerifiedAt: 1 },
  staff: { id: 3, role: "staff", suspendedUntil: null, emailVerifiedAt: 1 },
  admin: { id: 4, role: "admin", suspendedUntil: null, emailVerifiedAt: 1 },
  // Signed up, has not opened the verification link yet: reads, doesn't post or vote.
  unverified: { id: 8, role: "member", suspendedUntil: null, emailVerifiedAt: null },
} satisfies Record<string, Actor>;

type RoleName = keyof typeof roles;

type ThreadExtra = {
  locked?: number;
  hidden_at?: number | null;
  closed_at?: number | null;
  deleted_at?: number | null;
  merged_into_id?: number | null;
  status?: string | null;
  group_id?: number | null;
};
const thread = (kind: string, extra: ThreadExtra = {}) => ({
  author_id: AUTHOR_ID,
  kind,
  locked: extra.locked ?? 0,
  hidden_at: extra.hidden_at ?? null,
  closed_at: extra.closed_at ?? null,
  deleted_at: extra.deleted_at ?? null,
  merged_into_id: extra.merged_into_id ?? null,
  status: extra.status ?? (kind === "idea" ? "open" : null),
  group_id: extra.group_id ?? null,
});
const post = { author_id: AUTHOR_ID, hidden_at: null, group_id: null };
const hiddenPost = { author_id: AUTHOR_ID, hidden_at: 1, group_id: null };
const deletedPost = { author_id: AUTHOR_ID, hidden_at: null, deleted_at: 1, group_id: null };
const memberUser = { id: 5, role: "member" } as const;
const staffUser = { id: 6, role: "staff" } as const;
const adminUser = { id: 7, role: "admin" } as const;
const authorUser = { id: AUTHOR_ID, role: "member" } as const;

// Threads and replies below are written by "member" (AUTHOR_ID).
const actions: Record<string, (actor: Actor) => boolean> = {
  "start a thread": (a) => can.startThread(a),
  "reply to an open thread": (a) => can.reply(a, thread("discussion")),
  "reply to a locked thread": (a) => can.reply(a, thread("discussion", { locked: 1 })),
  "reply to a hidden thread": (a) => can.reply(a, thread("discussion", { hidden_at: 1 })),
  "edit the member's thread": (a) => can.editThread(a, thread("discussion")),
  "edit the member's reply": (a) => can.editPost(a, post),
  "vote on an idea": (a) => can.vote(a, thread("idea")),
  "vote on a hidden idea": (a) => can.vote(a, thread("idea", { hidden_at: 1 })),
  "vote on a question": (a) => can.vote(a, thread("question")),
  "mark the answer to the member's question": (a) => can.markAnswer(a, thread("question")),
  "mark the answer to the member's locked question": (a) => can.markAnswer(a, thread("question", { locked: 1 })),
  "mark an answer on a discussion": (a) => can.markAnswer(a, thread("discussion")),
  "accept an idea as co-designed": (a) => can.acceptIdea(a, thread("idea")),
  "accept a question as co-designed": (a) => can.acceptIdea(a, thread("question")),
  "reply to a closed thread": (a) => can.reply(a, thread("discussion", { closed_at: 1 })),
  "reply to a merged idea": (a) => can.reply(a, thread("idea", { merged_into_id: 9 })),
  "edit the member's deleted reply": (a) => can.editPost(a, deletedPost),
  "vote on a closed idea": (a) => can.vote(a, thread("idea", { closed_at: 1 })),
  "change an idea's status": (a) => can.changeStatus(a, thread("idea")),
  "change a question's status": (a) => can.changeStatus(a, thread("question")),
  "credit co-designers": (a) => can.creditCoDesigners(a, thread("idea")),
  "merge an idea": (a) => can.mergeIdea(a, thread("idea")),
  "merge an already merged idea": (a) => can.mergeIdea(a, thread("idea", { merged_into_id: 9 })),
  "read staff notes": (a) => can.readStaffNotes(a),
  "plan an idea's release and issues": (a) => can.planIdea(a, thread("idea", { status: "planned" })),
  "plan a merged idea": (a) => can.planIdea(a, thread("idea", { merged_into_id: 99 })),
  "read staff-only targets, links and exports": (a) => can.readStaffPlans(a),
  "read the success dashboard": (a) => can.readSuccessDashboard(a),
  "scope the measures of a planned idea": (a) => can.scopeMeasures(a, thread("idea", { status: "planned" })),
  "scope the measures of an open idea": (a) => can.scopeMeasures(a, thread("idea")),
  "ask measure owners while in progress": (a) => can.askMeasureCheck(a, thread("idea", { status: "in_progress" })),
  "answer staff's check on the member's measure": (a) => can.answerMeasureCheck(a, { user_id: AUTHOR_ID, check_asked_at: 1 }),
  "open a follow-up from the member's verdict not met": (a) =>
    can.openFollowUp(a, { user_id: AUTHOR_ID, verdict: "not_met", follow_up_id: null }),
  "read the member's account's ledger": (a) => can.readLedger(a, a?.id === AUTHOR_ID ? 7 : null, { id: 7 }),
  "read the accounts at risk": (a) => can.readAtRisk(a),
  "write a staff note": (a) => can.writeStaffNote(a, thread("idea")),
  "write a success measure on an open idea": (a) => can.writeSuccessMeasure(a, thread("idea")),
  "write a success measure on a shipped idea": (a) => can.writeSuccessMeasure(a, thread("idea", { status: "shipped" })),
  "give a verdict on a shipped idea": (a) => can.giveVerdict(a, thread("idea", { status: "shipped" })),
  "give a verdict on an idea not shipped yet": (a) => can.giveVerdict(a, thread("idea")),
  "give a verdict on a hidden shipped idea": (a) => can.giveVerdict(a, thread("idea", { status: "shipped", hidden_at: 1 })),
  "edit own profile": (a) => can.editProfile(a),
  "watch a thread": (a) => can.watch(a, thread("discussion")),
  "watch a hidden thread": (a) => can.watch(a, thread("discussion", { hidden_at: 1 })),
  "manage products": (a) => can.manageProducts(a),
  "manage tags": (a) => can.manageTags(a),
  "read the audit log": (a) => can.readAuditLog(a),
  moderate: (a) => can.moderate(a),
  "see the member's reply": (a) => can.see(a, post),
  "see the member's hidden thread": (a) => can.see(a, thread("discussion", { hidden_at: 1 })),
  "see the member's deleted reply": (a) => can.see(a, deletedPost),
  "read earlier versions staff hid": (a) => can.readHiddenVersions(a),
  "hide an earlier version of a post": (a) => can.hideRevision(a),
  "redact a post": (a) => can.redact(a),
  "flag the member's reply": (a) => can.flag(a, post),
  "flag a hidden reply": (a) => can.flag(a, hiddenPost),
  "like the member's reply": (a) => can.like(a, post, thread("discussion")),
  "like a hidden reply": (a) => can.like(a, hiddenPost, thread("discussion")),
  "like a reply in a hidden thread": (a) =>
    can.like(a, { author_id: 99, hidden_at: null, group_id: null }, thread("discussion", { hidden_at: 1 })),
  "follow a product": (a) => can.followProduct(a),
  "suspend a member": (a) => can.suspend(a, memberUser),
  "suspend the author": (a) => can.suspend(a, authorUser),
  "suspend staff": (a) => can.suspend(a, staffUser),
  "suspend an admin": (a) => can.suspend(a, adminUser),
  "manage users": (a) => can.manageUsers(a),
  "see and remove members' company sign-ins": (a) => can.manageIdentityLinks(a),
  "manage site settings": (a) => can.manageSite(a),
  "rename and colour statuses": (a) => can.manageStatuses(a),
  "manage webhooks": (a) => can.manageWebhooks(a),
  "manage own API tokens": (a) => can.manageApiTokens(a),
  "manage customer accounts": (a) => can.manageAccounts(a),
  "read demand per customer": (a) => can.readDemand(a),
  "record a vote on a customer's behalf": (a) => can.recordOnBehalf(a, thread("idea")),
  "record a vote on a customer's behalf on a merged idea": (a) => can.recordOnBehalf(a, thread("idea", { merged_into_id: 9 })),
  // Everyone signed in here belongs to account 7.
  "read on-behalf quotes of one's own account": (a) => can.readOnBehalf(a, a ? 7 : null, 7),
  "read on-behalf quotes of another account": (a) => can.readOnBehalf(a, a ? 7 : null, 8),
  "manage own account": (a) => can.manageOwnAccount(a),
  "keep own drafts": (a) => can.keepDrafts(a),
  "upload an image": (a) => can.uploadImage(a),
  "remove an uploaded image": (a) => can.removeImage(a),
  "see a co-design group's discussion, not in the group": (a) => can.see(a, thread("discussion", { group_id: 3 })),
  "see a co-design group's discussion as its member": (a) => can.see(a && { ...a, groupIds: [3] }, thread("discussion", { group_id: 3 })),
  "reply in a co-design group's discussion, not in the group": (a) => can.reply(a, thread("discussion", { group_id: 3 })),
  "manage a co-design group": (a) => can.manageCodesignGroup(a, thread("idea")),
  "answer an invitation to a co-design group": (a) => can.answerInvitation(a),
  "post an announcement": (a) => can.announce(a),
  "add a poll to the member's thread": (a) => can.addPoll(a, thread("discussion")),
  "vote in a poll": (a) => can.votePoll(a, thread("discussion")),
};

const T = true;
const F = false;
// Columns:                                       visitor member other  susp.  ended  staff  admin  unverified
const matrix: Record<keyof typeof actions, boolean[]> = {
  "start a thread": [F, T, T, F, T, T, T, F],
  "reply to an open thread": [F, T, T, F, T, T, T, F],
  "reply to a locked thread": [F, F, F, F, F, T, T, F],
  "reply to a hidden thread": [F, F, F, F, F, F, F, F],
  "edit the member's thread": [F, T, F, F, T, T, T, F],
  "edit the member's reply": [F, T, F, F, T, T, T, F],
  "vote on an idea": [F, T, T, F, T, T, T, F],
  "vote on a hidden idea": [F, F, F, F, F, F, F, F],
  "vote on a question": [F, F, F, F, F, F, F, F],
  "mark the answer to the member's question": [F, T, F, F, T, T, T, F],
  "mark the answer to the member's locked question": [F, F, F, F, F, T, T, F],
  "mark an answer on a discussion": [F, F, F, F, F, F, F, F],
  "accept an idea as co-designed": [F, F, F, F, F, T, T, F],
  "accept a question as co-designed": [F, F, F, F, F, F, F, F],
  "reply to a closed thread": [F, F, F, F, F, T, T, F],
  "reply to a merged idea": [F, F, F, F, F, F, F, F],
  "edit the member's deleted reply": [F, F, F, F, F, F, F, F],
  "vote on a closed idea": [F, F, F, F, F, F, F, F],
  "change an idea's status": [F, F, F, F, F, T, T, F],
  "change a question's status": [F, F, F, F, F, F, F, F],
  "credit co-designers": [F, F, F, F, F, T, T, F],
  "merge an idea": [F, F, F, F, F, T, T, F],
  "merge an already merged idea": [F, F, F, F, F, F, F, F],
  "read staff notes": [F, F, F, F, F, T, T, F],
  "read the success dashboard": [F, F, F, F, F, T, T, F],
  "write a staff note": [F, F, F, F, F, T, T, F],
  "write a success measure on an open idea": [F, T, T, F, T, T, T, F],
  "write a success measure on a shipped idea": [F, F, F, F, F, F, F, F],
  "give a verdict on a shipped idea": [F, T, T, F, T, T, T, F],
  "give a verdict on an idea not shipped yet": [F, F, F, F, F, F, F, F],
  "give a verdict on a hidden shipped idea": [F, F, F, F, F, F, F, F],
  "edit own profile": [F, T, T, F, T, T, T, T],
  "watch a thread": [F, T, T, T, T, T, T, T],
  "watch a hidden thread": [F, F, F, F, F, F, F, F],
  "manage products": [F, F, F, F, F, F, T, F],
  "manage tags": [F, F, F, F, F, T, T, F],
  "read the audit log": [F, F, F, F, F, T, T, F],
  moderate: [F, F, F, F, F, T, T, F],
  "see the member's reply": [T, T, T, T, T, T, T, T],
  "see the member's hidden thread": [F, T, F, T, T, T, T, F],
  "see the member's deleted reply": [F, F, F, F, F, T, T, F],
  "read earlier versions staff hid": [F, F, F, F, F, T, T, F],
  "hide an earlier version of a post": [F, F, F, F, F, T, T, F],
  "redact a post": [F, F, F, F, F, T, T, F],
  "flag the member's reply": [F, F, T, F, F, T, T, F],
  "flag a hidden reply": [F, F, F, F, F, F, F, F],
  "like the member's reply": [F, F, T, F, F, T, T, F],
  "like a hidden reply": [F, F, F, F, F, F, F, F],
  "like a reply in a hidden thread": [F, F, F, F, F, F, F, F],
  "follow a product": [F, T, T, T, T, T, T, T],
  "suspend a member": [F, F, F, F, F, T, T, F],
  "suspend the author": [F, F, F, F, F, T, T, F],
  "suspend staff": [F, F, F, F, F, F, T, F],
  "suspend an admin": [F, F, F, F, F, F, F, F],
  "manage users": [F, F, F, F, F, F, T, F],
  "see and remove members' company sign-ins": [F, F, F, F, F, F, T, F],
  "manage site settings": [F, F, F, F, F, F, T, F],
  "manage webhooks": [F, F, F, F, F, F, T, F],
  "manage own API tokens": [F, T, T, F, T, T, T, T],
  "manage own account": [F, T, T, T, T, T, T, T],
  "plan an idea's release and issues": [F, F, F, F, F, T, T, F],
  "plan a merged idea": [F, F, F, F, F, F, F, F],
  "read staff-only targets, links and exports": [F, F, F, F, F, T, T, F],
  "scope the measures of a planned idea": [F, F, F, F, F, T, T, F],
  "scope the measures of an open idea": [F, F, F, F, F, F, F, F],
  "ask measure owners while in progress": [F, F, F, F, F, T, T, F],
  "answer staff's check on the member's measure": [F, T, F, F, T, F, F, F],
  "open a follow-up from the member's verdict not met": [F, T, F, F, T, F, F, F],
  "read the member's account's ledger": [F, T, F, F, T, T, T, F],
  "read the accounts at risk": [F, F, F, F, F, T, T, F],
  "rename and colour statuses": [F, F, F, F, F, F, T, F],
  "manage customer accounts": [F, F, F, F, F, T, T, F],
  "read demand per customer": [F, F, F, F, F, T, T, F],
  "record a vote on a customer's behalf": [F, F, F, F, F, T, T, F],
  "record a vote on a customer's behalf on a merged idea": [F, F, F, F, F, F, F, F],
  "read on-behalf quotes of one's own account": [F, T, T, T, T, T, T, T],
  "read on-behalf quotes of another account": [F, F, F, F, F, T, T, F],
  "keep own drafts": [F, T, T, F, T, T, T, T],
  "upload an image": [F, T, T, F, T, T, T, F],
  "remove an uploaded image": [F, F, F, F, F, T, T, F],
  "see a co-design group's discussion, not in the group": [F, F, F, F, F, T, T, F],
  "see a co-design group's discussion as its member": [F, T, T, T, T, T, T, T],
  "reply in a co-design group's discussion, not in the group": [F, F, F, F, F, T, T, F],
  "manage a co-design group": [F, F, F, F, F, T, T, F],
  "answer an invitation to a co-design group": [F, T, T, F, T, T, T, T],
  "post an announcement": [F, F, F, F, F, T, T, F],
  "add a poll to the member's thread": [F, T, F, F, T, T, T, F],
  "vote in a poll": [F, T, T, F, T, T, T, F],
};

const roleNames = Object.keys(roles) as RoleName[];
const cases = Object.entries(matrix).flatMap(([action, expected]) =>
  roleNames.map((role, column) => ({ role, action, expected: expected[column] })),
);

describe("the permission matrix", () => {
  it("covers every can.* action", () => {
    const spies = Object.keys(can).map((name) => [name, vi.spyOn(can, name as keyof typeof can)] as const);
    for (const check of Object.values(actions)) check(roles.admin);
    const called = spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name);
    vi.restoreAllMocks();
    expect(called.sort()).toEqual(Object.keys(can).sort());
  });

  it("has one expectation per role for every action", () => {
    for (const expected of Object.values(matrix)) expect(expected).toHaveLength(roleNames.length);
  });

  it.each(cases)("$role: $action → $expected", ({ role, action, expected }) => {
    expect(actions[action]!(roles[role])).toBe(expected);
  });
});
