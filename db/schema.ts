import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The single declaration of Cocreate's table shapes, on both engines. Times
 * are UTC milliseconds. PostgreSQL keeps ids and times as bigint and returns
 * them (and counts) as JS numbers too (db/postgres.server.ts).
 */

export type Role = "member" | "staff" | "admin";
export type ThreadKind = "discussion" | "question" | "idea";
export type IdeaStatus = "open" | "under_review" | "planned" | "in_progress" | "shipped" | "declined";

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  email: string;
  password_hash: string;
  role: Role;
  bio: string | null;
  created_at: number;
  suspended_until: number | null;
  suspended_reason: string | null;
  /** 0: new member (posting limits apply), 1: trusted. */
  trust_level: Generated<number>;
  /** The customer company the member belongs to, if any (at most one). */
  account_id: number | null;
  /** When the member proved they read their address; null until then. */
  email_verified_at: number | null;
  /** A changed address waiting to be verified; the old one stays in effect until then. */
  pending_email: string | null;
  /** The member deleted their account: the row stays, emptied, so their posts keep an author. */
  deleted_at: number | null;
}

export type TokenPurpose = "verify_email" | "reset_password";

/** A single-use link an email carries; only the SHA-256 of the token is kept. */
export interface UserTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  /** The address the link was sent to (for verify_email, the one it verifies). */
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** An OpenID Connect identity (issuer + subject) linked to a member, with the mapped claims. */
export interface IdentityLinksTable {
  issuer: string;
  subject: string;
  user_id: number;
  email: string | null;
  account_claim: string | null;
  plan_claim: string | null;
  segment_claim: string | null;
  created_at: number;
  last_used_at: number;
}

/** A customer company. Revenue, plan and segment are staff-only on every surface. */
export interface AccountsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  plan: string | null;
  segment: string | null;
  /** Annual recurring revenue, in whole units of the site's currency. */
  arr: Generated<number>;
  /** The staff member who owns the relationship. */
  owner_id: number | null;
  /** 1: the account's name may show next to its people's names. */
  is_public: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** An email domain (lower case) whose verified addresses join an account. */
export interface AccountDomainsTable {
  domain: string;
  account_id: number;
}

/** What a member following a whole product hears of: every new thread, only new ideas, or only status changes. */
export type ProductFollowLevel = "threads" | "ideas" | "status";

export interface ProductSubscriptionsTable {
  user_id: number;
  product_id: number;
  level: ProductFollowLevel;
  created_at: number;
}

/** A member's unposted text of a new thread ("thread:new") or a reply ("reply:<thread id>"). */
export interface DraftsTable {
  user_id: number;
  key: string;
  title: string | null;
  body: string;
  updated_at: number;
}

/** An image a member attached, re-encoded and stored (app/uploads/); served while its post is not deleted and staff did not remove it. */
export interface UploadsTable {
  id: string;
  user_id: number;
  storage_key: string;
  content_type: string;
  bytes: number;
  width: number;
  height: number;
  thread_id: number | null;
  post_id: number | null;
  created_at: number;
  removed_at: number | null;
  removed_by: number | null;
}

/** A like of a thread's opening post (post_id null) or of one of its replies; one per member per post. */
export interface ReactionsTable {
  id: Generated<number>;
  thread_id: number;
  post_id: number | null;
  user_id: number;
  created_at: number;
}

/** The newest reply a member has been shown in a thread (0: only the opening post); it only moves forward. */
export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_post_id: Generated<number>;
  read_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  /** Idle expiry: pushed forward while the session is in use. */
  expires_at: number;
  /** Sign-in time; the session ends a fixed time after it, used or not. */
  created_at: number;
  /** The browser's User-Agent at sign-in, for /settings/sessions. */
  user_agent: string | null;
  /** Updated at most every few minutes while the session is used. */
  last_seen_at: Generated<number>;
  /** When the company's OpenID Connect provider signed this session in; null for a password sign-in. */
  sso_signed_in_at: number | null;
}

export interface ProductsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: number;
  archived_at: number | null;
  /** Visible threads (neither hidden nor deleted); kept by triggers (0008_performance, 0013_acceptance_fixes). */
  thread_count: Generated<number>;
}

export interface ThreadsTable {
  id: Generated<number>;
  product_id: number;
  author_id: number;
  kind: ThreadKind;
  title: string;
  body: string;
  body_html: string;
  status: IdeaStatus | null;
  accepted_answer_post_id: number | null;
  co_designed_at: number | null;
  co_designed_by: number | null;
  pinned: Generated<number>;
  locked: Generated<number>;
  hidden_at: number | null;
  vote_count: Generated<number>;
  reply_count: Generated<number>;
  last_activity_at: number;
  created_at: number;
  edited_at: number | null;
  merged_into_id: number | null;
  status_changed_at: number | null;
  hidden_reason: string | null;
  deleted_at: number | null;
  deleted_by: number | null;
  delete_reason: string | null;
  edited_by: number | null;
  closed_at: number | null;
  /** A month ("2027-03") or a quarter ("2027-Q1") staff expect the idea in (app/utils/target-release.ts). */
  target_release: string | null;
  /** 1 when everyone may see the target; otherwise staff only. */
  target_public: Generated<number>;
  /** The admins' finer step within the lifecycle status, if any (idea_substatuses). */
  substatus_id: number | null;
  /** The idea this one follows up (opened from a "not met" or "partly" verdict). */
  follow_up_of_id: number | null;
  /** Set on a co-design group's own discussion: only the group's members and staff see it (content.server.ts). */
  group_id: number | null;
  /** An announcement: of its product, or of the whole site; pinned at the top of lists while announcement_pinned and not expired. */
  announcement_scope: "product" | "site" | null;
  announcement_pinned: Generated<number>;
  announcement_expires_at: number | null;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  body: string;
  body_html: string;
  created_at: number;
  edited_at: number | null;
  hidden_at: number | null;
  hidden_reason: string | null;
  deleted_at: number | null;
  deleted_by: number | null;
  delete_reason: string | null;
  edited_by: number | null;
  /** Its thread's group_id, so a query of replies alone keeps group replies private too. */
  group_id: number | null;
}

/** A private co-design group on an idea (issue 21): its discussion is a thread whose group_id is this id. */
export interface CodesignGroupsTable {
  id: Generated<number>;
  idea_id: number;
  created_by: number;
  created_at: number;
  /** What staff publish to the public idea when the group's work is done. */
  summary: string | null;
  summary_html: string | null;
  summary_at: number | null;
}

export type CodesignMemberState = "invited" | "accepted" | "declined";

export interface CodesignMembersTable {
  group_id: number;
  user_id: number;
  state: CodesignMemberState;
  /** 1: the member chose to be named on the public idea. */
  show_name: Generated<number>;
  invited_by: number;
  invited_at: number;
  responded_at: number | null;
}

export type PollResults = "after_vote" | "after_close";

export interface PollsTable {
  id: Generated<number>;
  thread_id: number;
  multiple: Generated<number>;
  /** When voters see the counts: once they voted, or only once the poll closed. */
  results: PollResults;
  closes_at: number | null;
  created_at: number;
}

export interface PollOptionsTable {
  id: Generated<number>;
  poll_id: number;
  position: number;
  label: string;
}

export interface PollVotesTable {
  poll_id: number;
  option_id: number;
  user_id: number;
  created_at: number;
}

/** The text a thread or reply had before an edit; exactly one of thread_id / post_id is set. */
export interface RevisionsTable {
  id: Generated<number>;
  thread_id: number | null;
  post_id: number | null;
  title: string | null;
  body: string;
  editor_id: number;
  created_at: number;
  /** Set when staff hid this version (or a redaction hid it): only staff read it. */
  hidden_at: number | null;
  hidden_by: number | null;
}

export interface VotesTable {
  thread_id: number;
  user_id: number;
  created_at: number;
}

/**
 * Feedback staff recorded on behalf of a customer account (a call, a ticket):
 * the person, when named, also has their own vote in `votes`; without a
 * person it counts toward the account's demand only. Staff and the account's
 * own people read it; everyone else sees votes only.
 */
export interface OnBehalfVotesTable {
  id: Generated<number>;
  thread_id: number;
  account_id: number;
  user_id: number | null;
  recorded_by: number | null;
  use_case: Generated<string>;
  created_at: number;
}

export interface CoDesignersTable {
  thread_id: number;
  user_id: number;
  contribution: string;
  credited_by: number;
  created_at: number;
}

/** One entry of an idea's public timeline: a status change or a merge (to_status "merged"). */
export interface StatusChangesTable {
  id: Generated<number>;
  thread_id: number;
  from_status: IdeaStatus | null;
  to_status: IdeaStatus | "merged";
  actor_id: number;
  note: Generated<string>;
  note_html: Generated<string>;
  merged_into_id: number | null;
  created_at: number;
}

export type Verdict = "met" | "partly" | "not_met";

/** A member's own statement of how they will judge an idea a success, and later their verdict. */
export interface SuccessMeasuresTable {
  id: Generated<number>;
  thread_id: number;
  user_id: number;
  measure: string;
  verdict: Verdict | null;
  verdict_comment: string | null;
  verdict_at: number | null;
  created_at: number;
  updated_at: number;
  /** Set by staff when the idea is planned: the measure's scope in this release, with a public reason. */
  scope: MeasureScope | null;
  scope_reason: string | null;
  scoped_at: number | null;
  /** Staff's "would this meet your measure?" before shipping, and the owner's answer. */
  check_request: string | null;
  check_asked_at: number | null;
  check_answer: CheckAnswer | null;
  check_comment: string | null;
  check_answered_at: number | null;
  /** The verdict round now asked: 0 at ship, then the re-asks' days; asked_at when it was asked. */
  asked_at: number | null;
  asked_after_days: Generated<number>;
  /** The follow-up idea the owner opened from a "not met" or "partly" verdict. */
  follow_up_id: number | null;
}

export type MeasureScope = "in" | "partly" | "out";
export type CheckAnswer = "yes" | "partly" | "no";

/** Every verdict given on a measure, one per round (0: at ship; 30, 90: the re-asks). */
export interface SuccessVerdictsTable {
  id: Generated<number>;
  measure_id: number;
  after_days: number;
  verdict: Verdict;
  comment: string | null;
  created_at: number;
}

export type IdeaEventKind = "co_designed" | "credit" | "merged_in";

/** Timeline entries besides status changes: accepted as co-designed, a credit, another idea merged in. */
export interface IdeaEventsTable {
  id: Generated<number>;
  thread_id: number;
  kind: IdeaEventKind;
  actor_id: number;
  user_id: number | null;
  source_thread_id: number | null;
  note: Generated<string>;
  created_at: number;
}

/** Internal notes on an idea; only staff may ever read them. */
export interface StaffNotesTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  body: string;
  body_html: string;
  created_at: number;
}

/** watching: every reply and status change; status: status changes only (voters); muted: nothing. */
export type SubscriptionLevel = "watching" | "status" | "muted";

export interface SubscriptionsTable {
  thread_id: number;
  user_id: number;
  level: SubscriptionLevel;
  created_at: number;
}

export type NotificationKind =
  | "reply"
  | "answer_accepted"
  | "status_changed"
  | "co_designer_credit"
  | "verdict_request"
  | "content_hidden"
  | "mention"
  | "on_behalf_vote"
  | "measure_update"
  | "idea_merged"
  | "like"
  | "new_thread"
  | "codesign_invite"
  | "announcement";

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  /** Short plain text shown with the entry, e.g. the new status. */
  detail: Generated<string>;
  created_at: number;
  read_at: number | null;
}

export type EmailDelivery = "immediate" | "daily" | "off";

/** Absent rows mean "immediate". */
export interface EmailPreferencesTable {
  user_id: number;
  kind: NotificationKind;
  delivery: EmailDelivery;
}

/** A queued email reports one notification, or is the daily digest that gathers several. */
export type OutboxKind = NotificationKind | "digest" | "account";

export interface EmailOutboxTable {
  id: Generated<number>;
  user_id: number;
  notification_id: number | null;
  kind: OutboxKind;
  delivery: Exclude<EmailDelivery, "off">;
  subject: string;
  text_body: string;
  status: "pending" | "sent" | "failed";
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  /** For daily rows: the outbox id of the digest message that carried them. */
  digest_id: number | null;
  created_at: number;
  sent_at: number | null;
  /** Account emails (kind "account"): the address they are about, when it is not the member's current one. */
  to_address: string | null;
}

export type FlagReason = "spam" | "offensive" | "off_topic" | "other";
export type FlagStatus = "pending" | "agreed" | "disagreed" | "dismissed";

/** A member's report of a thread or reply; exactly one of thread_id / post_id is set. */
export interface FlagsTable {
  id: Generated<number>;
  thread_id: number | null;
  post_id: number | null;
  user_id: number;
  reason: FlagReason;
  note: Generated<string>;
  /** How much the flag counts toward hiding: staff flags count more. */
  weight: Generated<number>;
  status: Generated<FlagStatus>;
  resolved_by: number | null;
  resolved_at: number | null;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: "thread" | "post" | "user" | "product" | "flag" | "site" | "webhook" | "account";
  target_id: number | null;
  reason: Generated<string>;
  detail: Generated<string>;
  created_at: number;
}

/** A member's personal API token; only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, so its owner can tell tokens apart. */
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** After this the token no longer authenticates; null: until revoked. */
  expires_at: number | null;
}

export type WebhookEvent = "thread.created" | "idea.created" | "answer.marked" | "idea.status_changed" | "idea.co_designed";

export type WebhookFormat = "cocreate" | "slack";

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  /** The key that signs each delivery (HMAC-SHA256); receivers verify with it. */
  secret: string;
  /** Comma-separated WebhookEvent names. */
  events: string;
  active: Generated<number>;
  /** "cocreate": the signed JSON event; "slack": a Slack incoming-webhook message. */
  format: Generated<WebhookFormat>;
  created_by: number;
  created_at: number;
}

/** One event for one webhook: queued in the event's transaction, then delivered with retries. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: WebhookEvent;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: Generated<number>;
  next_attempt_at: number;
  response_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** A label staff manage; members put up to five on their own threads. */
export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: number;
}

export interface ThreadTagsTable {
  thread_id: number;
  tag_id: number;
}

/**
 * SQLite's FTS5 index over visible threads (rowid = id * 2) and replies
 * (rowid = id * 2 + 1), kept by triggers. Queried with raw SQL only
 * (db/search/sqlite.server.ts). PostgreSQL's search_index has the same row
 * ids but text-search vectors instead of text (db/migrations-pg/0011_baseline.ts).
 */
export interface SearchIndexTable {
  rowid: number;
  title: string;
  body: string;
  thread_id: number;
  post_id: number | null;
}

/** SQLite only: replies waiting to enter search_index (db/migrations/0011_search_queue.ts, db/search/sqlite.server.ts). */
export interface SearchPendingTable {
  post_id: number;
}

/**
 * The FTS5 index of visible threads' titles alone (rowid = thread id), kept by
 * triggers, contentless (db/migrations/0009_search_titles.ts). Queried with raw SQL only.
 */
export interface SearchTitlesTable {
  rowid: number;
  title: string;
}

/** What committed writes changed, as page-cache tags, for the other processes on one SQLite file (db/invalidation.server.ts); empty on PostgreSQL, where NOTIFY carries them. */
export interface PageInvalidationsTable {
  id: Generated<number>;
  /** Space-separated tags; "*" is everything. */
  tags: string;
  origin: string;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A shared rate-limit counter (db/migrations/0020_shared_state.ts). */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** ms since the epoch; null never expires. */
  expire: number | null;
}

/** Which process runs a periodic job, until when (app/jobs/lease.server.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface Database {
  users: UsersTable;
  user_tokens: UserTokensTable;
  identity_links: IdentityLinksTable;
  accounts: AccountsTable;
  account_domains: AccountDomainsTable;
  product_subscriptions: ProductSubscriptionsTable;
  drafts: DraftsTable;
  uploads: UploadsTable;
  reactions: ReactionsTable;
  thread_reads: ThreadReadsTable;
  sessions: SessionsTable;
  products: ProductsTable;
  threads: ThreadsTable;
  posts: PostsTable;
  codesign_groups: CodesignGroupsTable;
  codesign_members: CodesignMembersTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_votes: PollVotesTable;
  revisions: RevisionsTable;
  votes: VotesTable;
  on_behalf_votes: OnBehalfVotesTable;
  co_designers: CoDesignersTable;
  status_changes: StatusChangesTable;
  success_measures: SuccessMeasuresTable;
  success_verdicts: SuccessVerdictsTable;
  idea_events: IdeaEventsTable;
  staff_notes: StaffNotesTable;
  subscriptions: SubscriptionsTable;
  notifications: NotificationsTable;
  email_preferences: EmailPreferencesTable;
  email_outbox: EmailOutboxTable;
  settings: SettingsTable;
  flags: FlagsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  tags: TagsTable;
  thread_tags: ThreadTagsTable;
  search_index: SearchIndexTable;
  search_pending: SearchPendingTable;
  search_titles: SearchTitlesTable;
  idea_substatuses: IdeaSubstatusesTable;
  target_changes: TargetChangesTable;
  issue_links: IssueLinksTable;
  page_invalidations: PageInvalidationsTable;
  rate_limits: RateLimitsTable;
  job_leases: JobLeasesTable;
}

/** An admin's finer step inside one lifecycle status ("in beta" within in_progress), shown in its colour. */
export interface IdeaSubstatusesTable {
  id: Generated<number>;
  status: IdeaStatus;
  label: string;
  /** A "#rrggbb" background; the text on it is chosen to pass WCAG AA. */
  colour: string;
  position: Generated<number>;
  created_at: number;
}

/** A change of an idea's public target release, with the reason staff gave (the idea's timeline). */
export interface TargetChangesTable {
  id: Generated<number>;
  thread_id: number;
  from_target: string | null;
  to_target: string | null;
  reason: Generated<string>;
  actor_id: number;
  created_at: number;
}

export type IssueTracker = "github" | "gitlab" | "jira" | "linear" | "other";

/** An issue in the tracker engineers use, linked to an idea; staff-only unless is_public. */
export interface IssueLinksTable {
  id: Generated<number>;
  thread_id: number;
  url: string;
  tracker: IssueTracker;
  /** "owner/repo#12", "PROJ-123", … as recognized from the URL; the URL itself for other trackers. */
  issue_key: string;
  is_public: Generated<number>;
  created_by: number;
  created_at: number;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Product = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;
export type Tag = Selectable<TagsTable>;

/**
 * The database or a transaction on it (Kysely's Transaction is a Kysely):
 * what a function that may run inside a caller's transaction, or on its own, takes.
 */
export type Db = import("kysely").Kysely<Database>;
