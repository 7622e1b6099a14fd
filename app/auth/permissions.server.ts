import type { Role } from "~db/schema";

/**
 * The permission matrix: one function per action. Models call these before
 * every write; pages may call them to decide what to show, but a hidden
 * button is never the check.
 */

export type Actor = { id: number; role: Role; suspendedUntil: number | null } | null;

type ThreadFacts = {
  author_id: number;
  kind: string;
  locked: number;
  hidden_at: number | null;
  merged_into_id?: number | null;
  status?: string | null;
};
type PostFacts = { author_id: number; hidden_at: number | null };

const rank: Record<Role, number> = { member: 1, staff: 2, admin: 3 };

const isMerged = (thread: ThreadFacts) => thread.merged_into_id != null;

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

export const can = {
  startThread: (actor: Actor) => isActive(actor),
  reply: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.hidden_at === null && !isMerged(thread) && (thread.locked === 0 || isStaff(actor)),
  editThread: (actor: Actor, thread: ThreadFacts) => isActive(actor) && actor.id === thread.author_id,
  editPost: (actor: Actor, post: PostFacts) => isActive(actor) && actor.id === post.author_id,
  vote: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && thread.kind === "idea" && thread.hidden_at === null && !isMerged(thread),
  markAnswer: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) &&
    thread.kind === "question" &&
    (isStaff(actor) || (actor.id === thread.author_id && thread.locked === 0)),
  acceptIdea: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  changeStatus: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  creditCoDesigners: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  mergeIdea: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) && isStaff(actor) && thread.kind === "idea" && !isMerged(thread),
  readStaffNotes: (actor: Actor) => isActive(actor) && isStaff(actor),
  writeStaffNote: (actor: Actor, thread: ThreadFacts) => isActive(actor) && isStaff(actor) && thread.kind === "idea",
  /** A member states their own measure of success until the idea ships. */
  writeSuccessMeasure: (actor: Actor, thread: ThreadFacts) =>
    isActive(actor) &&
    thread.kind === "idea" &&
    thread.hidden_at === null &&
    !isMerged(thread) &&
    thread.status !== "shipped" &&
    thread.status !== "declined",
  watch: (actor: Actor, thread: ThreadFacts) => actor !== null && thread.hidden_at === null,
  manageProducts: (actor: Actor) => isActive(actor) && isAdmin(actor),
  readAuditLog: (actor: Actor) => isActive(actor) && isStaff(actor),
  /** Admins grant or revoke staff and change site settings. */
  manageUsers: (actor: Actor) => isActive(actor) && isAdmin(actor),
  manageSite: (actor: Actor) => isActive(actor) && isAdmin(actor),
};
