import { sql, type Kysely } from "kysely";

/**
 * Fixes found in an acceptance walk (issue 14).
 *
 * products.thread_count counted soft-deleted threads: its triggers (0008)
 * watched hidden_at but not deleted_at, so deleting a thread left the home
 * page and /admin/products one thread too high. The triggers now count a
 * thread while it is neither hidden nor deleted, and every product is
 * recounted once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of ["products_thread_count_insert", "products_thread_count_delete", "products_thread_count_update"]) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`create trigger products_thread_count_insert after insert on threads
    when new.hidden_at is null and new.deleted_at is null begin
    update products set thread_count = thread_count + 1 where id = new.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_delete after delete on threads
    when old.hidden_at is null and old.deleted_at is null begin
    update products set thread_count = thread_count - 1 where id = old.product_id;
  end`.execute(db);
  await sql`create trigger products_thread_count_update after update of product_id, hidden_at, deleted_at on threads
    when old.product_id is not new.product_id
      or (old.hidden_at is null and old.deleted_at is null) <> (new.hidden_at is null and new.deleted_at is null) begin
    update products set thread_count = thread_count - 1
      where id = old.product_id and old.hidden_at is null and old.deleted_at is null;
    update products set thread_count = thread_count + 1
      where id = new.product_id and new.hidden_at is null and new.deleted_at is null;
  end`.execute(db);
  await sql`update products set thread_count = (select count(*) from threads
    where threads.product_id = products.id and threads.hidden_at is null and threads.deleted_at is null)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
