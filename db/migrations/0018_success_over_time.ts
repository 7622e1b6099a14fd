import { sql, type Kysely } from "kysely";

/**
 * Issue 17, part B: each customer's success over time, and decisions
 * customers can follow.
 *
 * success_measures gains the life of a measure after it is written: its
 * scope for the release when the idea is planned (in, partly, out, with a
 * public reason), staff's "would this meet your measure?" before shipping
 * and the owner's answer, the verdict round now asked (`asked_after_days`: 0
 * at ship, then the re-asks' days; `asked_at` when) and the follow-up idea a
 * "not met" or "partly" verdict opened.
 *
 * success_verdicts: every verdict given, one per measure and round, so the
 * thread and the ledger show how the judgement moved over time
 * (success_measures.verdict stays the latest).
 *
 * threads.follow_up_of_id: the idea a follow-up continues; threads_merged_into
 * finds the ideas merged into one, whose opening text it quotes as use cases.
 *
 * idea_events: the timeline's entries that are not status changes: accepted
 * as co-designed, a co-designer credited, another idea merged into this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("success_measures")
    .addColumn("scope", "text", (c) => c.check(sql`scope in ('in', 'partly', 'out')`))
    .execute();
  await db.schema.alterTable("success_measures").addColumn("scope_reason", "text").execute();
  await db.schema.alterTable("success_measures").addColumn("scoped_at", "integer").execute();
  await db.schema.alterTable("success_measures").addColumn("check_request", "text").execute();
  await db.schema.alterTable("success_measures").addColumn("check_asked_at", "integer").execute();
  await db.schema
    .alterTable("success_measures")
    .addColumn("check_answer", "text", (c) => c.check(sql`check_answer in ('yes', 'partly', 'no')`))
    .execute();
  await db.schema.alterTable("success_measures").addColumn("check_comment", "text").execute();
  await db.schema.alterTable("success_measures").addColumn("check_answered_at", "integer").execute();
  await db.schema.alterTable("success_measures").addColumn("asked_at", "integer").execute();
  await db.schema
    .alterTable("success_measures")
    .addColumn("asked_after_days", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("success_measures")
    .addColumn("follow_up_id", "integer", (c) => c.references("threads.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("success_measures_asked")
    .on("success_measures")
    .columns(["asked_after_days", "asked_at"])
    .where(sql.ref("asked_at"), "is not", null)
    .execute();

  await db.schema
    .createTable("success_verdicts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("measure_id", "integer", (c) => c.notNull().references("success_measures.id").onDelete("cascade"))
    .addColumn("after_days", "integer", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull().check(sql`verdict in ('met', 'partly', 'not_met')`))
    .addColumn("comment", "text")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("success_verdicts_one_per_round", ["measure_id", "after_days"])
    .execute();

  await db.schema
    .alterTable("threads")
    .addColumn("follow_up_of_id", "integer", (c) => c.references("threads.id"))
    .execute();
  await db.schema
    .createIndex("threads_follow_up_of")
    .on("threads")
    .columns(["follow_up_of_id", "id"])
    .where(sql.ref("follow_up_of_id"), "is not", null)
    .execute();

  // An idea's page quotes the ideas merged into it (their use cases).
  await db.schema
    .createIndex("threads_merged_into")
    .on("threads")
    .columns(["merged_into_id", "id"])
    .where(sql.ref("merged_into_id"), "is not", null)
    .execute();

  await db.schema
    .createTable("idea_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('co_designed', 'credit', 'merged_in')`))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("source_thread_id", "integer", (c) => c.references("threads.id").onDelete("set null"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("idea_events_thread").on("idea_events").columns(["thread_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
