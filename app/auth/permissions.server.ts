import type { Role } from "~db/schema";

/**
 * The permission matrix: one function per action. Models call these before
 * every write; pages may call them to decide what to show, but a hidden
 * button is never the check.
 */

/**
 * emailVerifiedAt: when the member proved they read their address; until then they read but do not post or vote.
 * groupIds: the co-design groups the person accepted to join (app/models/codesign.server.ts); absent, none.
 */
export type Actor = {
  id: number;
  role: Role;
  suspendedUntil: number | null;
  emailVerifiedAt: number | null;
  groupIds?: readonly number[];
} | null;

type ThreadFacts = {
  author_id: number;
  kind: string;
  locked: number;
  hidden_at: number | null;
  merged_into_id?: number | null;
  status?: string | null;
  closed_at?: number | null;
  deleted_at?: number | null;
  group_id: number | null;
};
/** group_id: set on a co-design group's discussion and its replies, private to the group. */
type PostFacts = { author_id: number; hidden_at: number | null; deleted_at?: number | null; group_id: number | null };
/** What decides who may see a thread or a reply. */
export type ContentFacts = PostFacts;
type UserFacts = { id: number; role: Role };

const rank: Record<Role, number> = { member: 1, staff: 2, admin: 3 };

const isMerged = (thread: ThreadFacts) => thread.merged_into_id != null;
const isVisible = (content: { hidden_at: number | null; deleted_at?: number | null }) =>
  content.hidden_at === null && content.deleted_at == null;
const isOpen = (thread: ThreadFacts) => thread.locked === 0 && thread.closed_at == null;

function isSuspended(actor: NonNullable<Actor>, now = Date.now()): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

/** A signed-in person who is not suspended. */
function isActive(actor: Actor): actor is NonNullable<Actor> {
  return actor !== null && !isSuspended(actor);
}

/** Active, and has verified their email address: may post, vote and flag. */
function isVerified(actor: Actor): actor is NonNullable<Actor> {
  return isActive(actor) && actor.emailVerifiedAt !== null;
}

export function isStaff(actor: Actor): boolean {
  return actor !== null && rank[actor.role] >= rank.staff;
}

export function isAdmin(actor: Actor): boolean {
  return actor !== null && actor.role === "admin";
}

/**
 * Who may see threads and replies, the one rule behind can.see (one loaded
 * row) and visibleTo (a query's rows, app/models/content.server.ts): active
 * staff see everything, hidden and deleted content too; everyone else sees
 * what is neither hidden nor deleted, and its author also sees it while it is
 * hidden, with the reason. A co-design group's discussion (group_id set) is
 * seen only by the group's accepted members (and staff). Suspension takes
 * staff's sight away with their other powers, not an author's sight of their
 * own posts nor a member's of their group.
 */
export type ContentSight = { everything: true } | { everything: false; authorId: number | null; groupIds: readonly number[] };

export function contentSight(viewer: Actor): ContentSight {
  return isActive(viewer) && isStaff(viewer)
    ? { everything: true }
    : { everything: false, authorId: viewer?.id ?? null, groupIds: viewer?.groupIds ?? [] };
}

function sees(sight: ContentSight, content: ContentFacts): boolean {
  if (sight.everything) return true;
  const inReach = content.group_id == null || sight.groupIds.includes(content.group_id);
  return inReach && content.deleted_at == null && (content.hidden_at === null || content.author_id === sight.authorId);
}

export const can = {
  /** One thread or reply; a reply also needs its thread seen (app/models/content.server.ts loads both). */
  see: (viewer: Actor, content: ContentFacts) => sees(contentSight(viewer), content),
  /** Posting, voting, flagging and stating a measure also need a verified email address. */
  startThread: (actor: Actor) => isVerified(actor),
  reply: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && isVisible(thread) && sees(contentSight(actor), thread) && !isMerged(thread) && (isOpen(thread) || isStaff(actor)),
  /** Authors edit their own (a hidden post too, to have it reviewed); staff edit anything not deleted. */
  editThread: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && thread.deleted_at == null && (actor.id === thread.author_id || isStaff(actor)),
  editPost: (actor: Actor, post: PostFacts) =>
    isVerified(actor) && post.deleted_at == null && (actor.id === post.author_id || isStaff(actor)),
  vote: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && thread.kind === "idea" && isVisible(thread) && !isMerged(thread) && thread.closed_at == null,
  markAnswer: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.kind === "question" && (isStaff(actor) || (actor.id === thread.author_id && thread.locked === 0)),
  acceptIdea: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  changeStatus: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  creditCoDesigners: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  mergeIdea: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  readStaffNotes: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Give an idea a target release and link it to issues in the engineers' tracker. */
  planIdea: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  /** Targets and issue links staff keep to themselves, and the exports of ideas and voters. */
  readStaffPlans: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** The success dashboard: every member's measure and verdict across shipped ideas. */
  readSuccessDashboard: (actor: Actor) => isActive(actor) && isStaff(actor),
  writeStaffNote: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  /** A member states their own measure of success until the idea ships. */
  writeSuccessMeasure: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) &&
    thread.kind === "idea" &&
    thread.hidden_at === null &&
    !isMerged(thread) &&
    thread.status !== "shipped" &&
    thread.status !== "declined",
  /** After the idea ships, a member judges it against their own measure (the model checks it is theirs). */
  giveVerdict: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && thread.kind === "idea" && thread.hidden_at === null && thread.status === "shipped",
  /** When an idea is planned, staff mark each measure in, partly or out of scope for the release. */
  scopeMeasures: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread) && thread.status === "planned",
  /** While an idea is in progress, staff ask each measure's owner whether the design would meet it. */
  askMeasureCheck: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread) && thread.status === "in_progress",
  /** The measure's owner answers staff's check before shipping (the model checks it is theirs and was asked). */
  answerMeasureCheck: (actor: Actor, measure: { user_id: number; check_asked_at: number | null }) =>
    isActive(actor) && actor.id === measure.user_id && measure.check_asked_at !== null,
  /** A "not met" or "partly" verdict lets its owner open a follow-up idea, once. */
  openFollowUp: (actor: Actor, measure: { user_id: number; verdict: string | null; follow_up_id: number | null }) =>
    isActive(actor) &&
    actor.id === measure.user_id &&
    (measure.verdict === "not_met" || measure.verdict === "partly") &&
    measure.follow_up_id === null,
  /** An account's success ledger: staff see every one, a member their own account's. */
  readLedger: (actor: Actor, viewerAccountId: number | null, account: { id: number }) =>
    isActive(actor) && (isStaff(actor) || viewerAccountId === account.id),
  /** Staff's list of accounts at risk, weighted by revenue (staff-only, like revenue itself). */
  readAtRisk: (actor: Actor) => isActive(actor) && isStaff(actor),
  watch: (actor: Actor, thread: ThreadFacts) => actor !== null && thread.hidden_at === null,
  manageProducts: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Create, rename and delete the tags members choose from. */
  manageTags: (actor: Actor) => isActive(actor) && isStaff(actor),
  readAuditLog: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Pin, lock, close, move, hide and delete threads and replies; handle flags. */
  moderate: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Earlier versions staff hid (text edited out, or a redaction) stay readable to staff only, authors included. */
  readHiddenVersions: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Hide an earlier version of a post (text edited out) from everyone but staff, or show it again. */
  hideRevision: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Mark an edit as a redaction: every earlier version is hidden from everyone but staff. */
  redact: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Like a thread's opening post or a reply: not one's own, not hidden or deleted, nor in a hidden thread. */
  like: (actor: Actor, content: PostFacts, thread: PostFacts) =>
    isVerified(actor) && actor.id !== content.author_id && isVisible(content) && isVisible(thread),
  /** Follow a whole product (its new threads, ideas or status changes): any signed-in member, like watching a thread. */
  followProduct: (actor: Actor) => actor !== null,
  flag: (actor: Actor, content: PostFacts) => isVerified(actor) && actor.id !== content.author_id && isVisible(content),
  /** Staff suspend members; admins also suspend staff; nobody suspends an admin. */
  suspend: (actor: Actor, target: UserFacts) =>
    isActive(actor) && isStaff(actor) && actor.id !== target.id && target.role !== "admin" && rank[target.role] < rank[actor.role],
  /** Admins grant or revoke staff and change site settings. */
  manageUsers: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** See which company sign-ins (OpenID Connect) are linked to members, and remove a link: /admin/users. */
  manageIdentityLinks: (actor: Actor) => isActive(actor) && isAdmin(actor),
  manageSite: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Rename the statuses, colour them and add sub-statuses within the lifecycle. */
  manageStatuses: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Webhooks send public events to URLs admins choose. */
  manageWebhooks: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Display name and bio are public text: like posting, not while suspended. */
  editProfile: (actor: Actor) => isActive(actor),
  /** Customer accounts: create, edit, import, export, assign and move their members. Revenue, plan and segment are read here only. */
  manageAccounts: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Demand per customer across ideas (/admin/demand): accounts, revenue, plans and segments behind each idea. */
  readDemand: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Staff record a customer's vote and use case on an idea open to votes. */
  recordOnBehalf: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && isVisible(thread) && !isMerged(thread) && thread.closed_at == null,
  /**
   * Feedback recorded on an account's behalf (who, and their use case in
   * their words): staff, and the account's own people; never another account.
   */
  readOnBehalf: (actor: Actor, viewerAccountId: number | null, accountId: number) =>
    (isActive(actor) && isStaff(actor)) || (actor !== null && viewerAccountId !== null && viewerAccountId === accountId),
  /** A member asks for their address's verification link again, changes it, reviews sessions, exports or deletes their account: suspended or not. */
  manageOwnAccount: (actor: Actor) => actor !== null,
  /** A member keeps, reads and discards their own drafts, never anyone else's (drafts are looked up by the actor's id). */
  keepDrafts: (actor: Actor) => isActive(actor),
  /** Attach an image to a post: like posting, not while suspended nor before the address is verified (new members' limits apply: app/models/upload.server.ts). */
  uploadImage: (actor: Actor) => isVerified(actor),
  /** Take down an uploaded image, wherever it is shown. */
  removeImage: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Members create and revoke their own personal API tokens. */
  manageApiTokens: (actor: Actor) => isActive(actor),
  /** Open a co-design group on an accepted or planned idea, invite to it, publish its summary. */
  manageCodesignGroup: (actor: Actor, idea: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && idea.kind === "idea" && !isMerged(idea) && idea.deleted_at == null,
  /** Accept or decline one's own invitation to a co-design group (the model checks it is theirs). */
  answerInvitation: (actor: Actor) => isActive(actor),
  /** Post an announcement, pin or unpin it. */
  announce: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Add a poll to a thread: its author, or staff (with a verified address, like posting). */
  addPoll: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && sees(contentSight(actor), thread) && (actor.id === thread.author_id || isStaff(actor)),
  /** Vote in a poll of a thread one may see and reply to (the model checks it is still open); like votes, with a verified address. */
  votePoll: (actor: Actor, thread: ThreadFacts) =>
    isVerified(actor) && isVisible(thread) && sees(contentSight(actor), thread) && !isMerged(thread),
};
