import { sql, type Kysely } from "kysely";

/**
 * Demand per customer (issue 17): staff record a customer's feedback on an
 * idea from a call or a ticket. A record names the account, optionally the
 * person (then the person's own vote is cast too, and they may take it back),
 * the staff member who recorded it, and the use case in the customer's words.
 * One record per person per idea, and one without a person per account per
 * idea: a second call from the same customer updates the record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("on_behalf_votes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("account_id", "integer", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("recorded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("use_case", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("on_behalf_votes_person")
    .unique()
    .on("on_behalf_votes")
    .columns(["thread_id", "user_id"])
    .where(sql.ref("user_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("on_behalf_votes_account_only")
    .unique()
    .on("on_behalf_votes")
    .columns(["thread_id", "account_id"])
    .where(sql.ref("user_id"), "is", null)
    .execute();
  await db.schema.createIndex("on_behalf_votes_account").on("on_behalf_votes").columns(["account_id", "thread_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
