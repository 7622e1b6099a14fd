import type { Role } from "~db/schema";

/**
 * The permission matrix: one function per action. Models call these before
 * every write; pages may call them to decide what to show, but a hidden
 * button is never the check.
 */

/** groupIds: the co-design groups the person accepted to join (app/models/codesign.server.ts); absent, none. */
export type Actor = { id: number; role: Role; suspendedUntil: number | null; groupIds?: readonly number[] } | null;

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
  startThread: (actor: Actor) => isActive(actor),
  reply: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isVisible(thread) && sees(contentSight(actor), thread) && !isMerged(thread) && (isOpen(thread) || isStaff(actor)),
  /** Authors edit their own (a hidden post too, to have it reviewed); staff edit anything not deleted. */
  editThread: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.deleted_at == null && (actor.id === thread.author_id || isStaff(actor)),
  editPost: (actor: Actor, post: PostFacts) =>
    isActive(actor) && post.deleted_at == null && (actor.id === post.author_id || isStaff(actor)),
  vote: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.kind === "idea" && isVisible(thread) && !isMerged(thread) && thread.closed_at == null,
  markAnswer: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.kind === "question" && (isStaff(actor) || (actor.id === thread.author_id && thread.locked === 0)),
  acceptIdea: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  changeStatus: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  creditCoDesigners: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  mergeIdea: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  readStaffNotes: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** The success dashboard: every member's measure and verdict across shipped ideas. */
  readSuccessDashboard: (actor: Actor) => isActive(actor) && isStaff(actor),
  writeStaffNote: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  /** A member states their own measure of success until the idea ships. */
  writeSuccessMeasure: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) &&
    thread.kind === "idea" &&
    thread.hidden_at === null &&
    !isMerged(thread) &&
    thread.status !== "shipped" &&
    thread.status !== "declined",
  /** After the idea ships, a member judges it against their own measure (the model checks it is theirs). */
  giveVerdict: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.kind === "idea" && thread.hidden_at === null && thread.status === "shipped",
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
  flag: (actor: Actor, content: PostFacts) => isActive(actor) && actor.id !== content.author_id && isVisible(content),
  /** Staff suspend members; admins also suspend staff; nobody suspends an admin. */
  suspend: (actor: Actor, target: UserFacts) =>
    isActive(actor) && isStaff(actor) && actor.id !== target.id && target.role !== "admin" && rank[target.role] < rank[actor.role],
  /** Admins grant or revoke staff and change site settings. */
  manageUsers: (actor: Actor) => isActive(actor) && isAdmin(actor),
  manageSite: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Webhooks send public events to URLs admins choose. */
  manageWebhooks: (actor: Actor) => isActive(actor) && isAdmin(actor),
  /** Display name and bio are public text: like posting, not while suspended. */
  editProfile: (actor: Actor) => isActive(actor),
  /** Members create and revoke their own personal API tokens. */
  manageApiTokens: (actor: Actor) => isActive(actor),
  /** Open a co-design group on an accepted or planned idea, invite to it, publish its summary. */
  manageCodesignGroup: (actor: Actor, idea: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && idea.kind === "idea" && !isMerged(idea) && idea.deleted_at == null,
  /** Accept or decline one's own invitation to a co-design group (the model checks it is theirs). */
  answerInvitation: (actor: Actor) => isActive(actor),
  /** Post an announcement, pin or unpin it. */
  announce: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Add a poll to a thread: its author, or staff. */
  addPoll: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && sees(contentSight(actor), thread) && (actor.id === thread.author_id || isStaff(actor)),
  /** Vote in a poll of a thread one may see and reply to (the model checks it is still open). */
  votePoll: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isVisible(thread) && sees(contentSight(actor), thread) && !isMerged(thread),
};
