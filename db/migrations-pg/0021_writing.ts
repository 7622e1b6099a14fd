import { sql, type Kysely } from "kysely";

/** PostgreSQL's twin of db/migrations/0021_writing.ts: members' drafts and uploaded images. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table drafts (
      user_id bigint not null references users (id) on delete cascade,
      key text collate "C" not null,
      title text collate "C",
      body text collate "C" not null,
      updated_at bigint not null,
      constraint drafts_pk primary key (user_id, key)
    );

    create table uploads (
      id text collate "C" primary key,
      user_id bigint not null references users (id) on delete cascade,
      storage_key text collate "C" not null,
      content_type text collate "C" not null,
      bytes bigint not null,
      width bigint not null,
      height bigint not null,
      thread_id bigint references threads (id) on delete set null,
      post_id bigint references posts (id) on delete set null,
      created_at bigint not null,
      removed_at bigint,
      removed_by bigint references users (id) on delete set null
    );
    create index uploads_user on uploads (user_id, created_at);
    create index uploads_post on uploads (post_id) where post_id is not null;
    create index uploads_thread on uploads (thread_id) where thread_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
