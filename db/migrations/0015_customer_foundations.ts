import { sql, type Kysely } from "kysely";

/**
 * The shapes several features of this round build on, laid down once so
 * that each of them adds to the same tables.
 *
 * accounts: a customer is a company (issue 17): name, slug, plan, segment,
 * annual revenue (`arr`, whole units of the site's currency), the staff
 * member who owns the relationship, and whether its name may show next to
 * its people's names. account_domains: the email domains whose verified
 * addresses join it. users.account_id: a member belongs to at most one.
 *
 * users.email_verified_at: when the member proved they read their address
 * (issue 16); null until then.
 *
 * product_subscriptions: members who follow a whole product (issue 20):
 * every new thread, only new ideas, or only status changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("accounts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("plan", "text")
    .addColumn("segment", "text")
    .addColumn("arr", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("owner_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("account_domains")
    .addColumn("domain", "text", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("account_domains_account").on("account_domains").columns(["account_id", "domain"]).execute();

  await db.schema
    .alterTable("users")
    .addColumn("account_id", "integer", (c) => c.references("accounts.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("users_account")
    .on("users")
    .columns(["account_id", "id"])
    .where(sql.ref("account_id"), "is not", null)
    .execute();
  await db.schema.alterTable("users").addColumn("email_verified_at", "integer").execute();

  await db.schema
    .createTable("product_subscriptions")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('threads', 'ideas', 'status')`))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("product_subscriptions_pk", ["user_id", "product_id"])
    .execute();
  await db.schema
    .createIndex("product_subscriptions_product")
    .on("product_subscriptions")
    .columns(["product_id", "level", "user_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Cocreate migrations only move forward.");
}
