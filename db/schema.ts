import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** The single declaration of Cocreate's table shapes. Times are UTC milliseconds. */

export type Role = "member" | "staff" | "admin";
export type ThreadKind = "discussion" | "question" | "idea";
export type IdeaStatus =
  | "open"
  | "under_review"
  | "planned"
  | "in_progress"
  | "shipped"
  | "declined";

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
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: number;
}

export interface ProductsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: number;
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
}

export interface VotesTable {
  thread_id: number;
  user_id: number;
  created_at: number;
}

export interface CoDesignersTable {
  thread_id: number;
  user_id: number;
  contribution: string;
  credited_by: number;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  products: ProductsTable;
  threads: ThreadsTable;
  posts: PostsTable;
  revisions: RevisionsTable;
  votes: VotesTable;
  co_designers: CoDesignersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Product = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;
