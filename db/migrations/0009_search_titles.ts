import { sql, type Kysely } from "kysely";

/**
 * search_titles: the title of every visible thread again (rowid = thread
 * id), indexed without a stored copy (contentless; rows are deleted by
 * rowid). Search lists threads with every word in the title first. Asking
 * search_index for title matches (a column filter) reads every document
 * that contains the words anywhere, a hundred thousand for a common word;
 * this index holds only titles, so it reads only those. Triggers keep it in
 * step exactly as 0006 does for search_index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table search_titles using fts5(
    title, content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);

  await sql`create trigger search_titles_insert after insert on threads
    when new.hidden_at is null and new.deleted_at is null begin
    insert into search_titles (rowid, title) values (new.id, new.title);
  end`.execute(db);
  await sql`create trigger search_titles_update after update of title, hidden_at, deleted_at on threads begin
    delete from search_titles where rowid = old.id;
    insert into search_titles (rowid, title)
      select new.id, new.title where new.hidden_at is null and new.deleted_at is null;
  end`.execute(db);
  await sql`create trigger search_titles_delete after delete on threads begin
    delete from search_titles where rowid = old.id;
  end`.execute(db);

  await sql`insert into search_titles (rowid, title)
    select id, title from threads where hidden_at is null and deleted_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
