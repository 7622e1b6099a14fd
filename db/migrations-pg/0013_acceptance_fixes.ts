import { sql, type Kysely } from "kysely";

/**
 * PostgreSQL's twin of db/migrations/0013_acceptance_fixes.ts: a product's
 * thread count leaves out soft-deleted threads as well as hidden ones, and
 * every product is recounted once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger products_thread_count_insert on threads;
    drop trigger products_thread_count_delete on threads;
    drop trigger products_thread_count_update on threads;

    create or replace function products_thread_count() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') and old.hidden_at is null and old.deleted_at is null then
        update products set thread_count = thread_count - 1 where id = old.product_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.hidden_at is null and new.deleted_at is null then
        update products set thread_count = thread_count + 1 where id = new.product_id;
      end if;
      return null;
    end $$;
    create trigger products_thread_count_insert after insert on threads
      for each row when (new.hidden_at is null and new.deleted_at is null) execute function products_thread_count();
    create trigger products_thread_count_delete after delete on threads
      for each row when (old.hidden_at is null and old.deleted_at is null) execute function products_thread_count();
    create trigger products_thread_count_update after update of product_id, hidden_at, deleted_at on threads
      for each row when (
        old.product_id is distinct from new.product_id
        or (old.hidden_at is null and old.deleted_at is null) <> (new.hidden_at is null and new.deleted_at is null)
      )
      execute function products_thread_count();

    update products set thread_count = (select count(*) from threads
      where threads.product_id = products.id and threads.hidden_at is null and threads.deleted_at is null);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
