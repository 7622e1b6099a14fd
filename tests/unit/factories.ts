import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { configuredEngine } from "~db/engine.server";
import type { Role, ThreadKind } from "~db/schema";
import type { Actor } from "~/auth/permissions.server";
import { hashPassword } from "~/auth/password.server";
import { createReply } from "~/models/post.server";
import { createThread } from "~/models/thread.server";
import { DomainError } from "~/models/errors.server";
import { refusalStatus } from "~/http/refusals.server";

export type TestActor = NonNullable<Actor>;

export const TEST_PASSWORD = "correct horse battery staple";

// argon2 is deliberately slow: hash once per test file and reuse it for every user.
let passwordHash: Promise<string> | undefined;

let sequence = 0;
const next = () => ++sequence;

export async function createTestUser(
  overrides: { username?: string; email?: string; role?: Role; suspendedUntil?: number | null; unverified?: boolean } = {},
): Promise<TestActor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = next();
  const username = overrides.username ?? `user${n}`;
  const row = await getDb()
    .insertInto("users")
    .values({
      username,
      email: overrides.email ?? `${username}@example.com`,
      password_hash: await passwordHash,
      role: overrides.role ?? "member",
      created_at: Date.now(),
      suspended_until: overrides.suspendedUntil ?? null,
      // The rest of the suite meets verified members; identity tests ask for an unverified one.
      email_verified_at: overrides.unverified ? null : Date.now(),
    })
    .returning(["id", "role", "suspended_until", "email_verified_at"])
    .executeTakeFirstOrThrow();
  return { id: row.id, role: row.role, suspendedUntil: row.suspended_until, emailVerifiedAt: row.email_verified_at };
}

export async function createTestProduct(overrides: { slug?: string; name?: string } = {}): Promise<number> {
  const n = next();
  const row = await getDb()
    .insertInto("products")
    .values({
      slug: overrides.slug ?? `product-${n}`,
      name: overrides.name ?? `Product ${n}`,
      description: "",
      position: n,
      created_at: Date.now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createTestThread(
  author: TestActor,
  overrides: { productId?: number; kind?: ThreadKind; title?: string; body?: string } = {},
): Promise<number> {
  const productId = overrides.productId ?? (await createTestProduct());
  return createThread(author, {
    productId,
    kind: overrides.kind ?? "discussion",
    title: overrides.title ?? `Thread ${next()}`,
    body: overrides.body ?? "Some **markdown** text.",
  });
}

export async function createTestReply(author: TestActor, threadId: number, body = "A helpful reply."): Promise<number> {
  return createReply(author, threadId, body);
}

export async function getThreadRow(id: number) {
  return getDb().selectFrom("threads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Runs a call expected to be refused (a model's refusal, or a Response) and returns the HTTP status it answers with. */
export async function statusOf(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
  } catch (error) {
    if (error instanceof DomainError) return refusalStatus(error);
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("Expected the call to be refused, but it succeeded.");
}

/** Runs a call expected to be refused by a model: its status, the (first) field it names, each field's message, its message. */
export async function refusalOf(
  call: () => Promise<unknown>,
): Promise<{ status: number; field: string | null; fields: Partial<Record<string, string>>; message: string }> {
  const error = await call().then(
    () => new Error("expected a refusal"),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw error;
  return { status: refusalStatus(error), field: Object.keys(error.fields)[0] ?? null, fields: error.fields, message: error.message };
}

/**
 * Makes every update of `column` on `table` fail with `message` (a trigger in
 * the engine's own dialect), to prove a write rolls back as a whole.
 * Returns the function that removes it.
 */
export async function failUpdatesOf(table: string, column: string, message: string): Promise<() => Promise<void>> {
  const db = getDb();
  const trigger = sql.raw(`fail_${table}_${column}`);
  if (configuredEngine() === "postgres") {
    await sql`create function ${trigger}() returns trigger language plpgsql as $$
      begin raise exception ${sql.lit(message)}; end $$`.execute(db);
    await sql`create trigger ${trigger} before update of ${sql.ref(column)} on ${sql.table(table)}
      for each row execute function ${trigger}()`.execute(db);
    return async () => {
      await sql`drop trigger ${trigger} on ${sql.table(table)}`.execute(db);
      await sql`drop function ${trigger}()`.execute(db);
    };
  }
  await sql`create trigger ${trigger} before update of ${sql.ref(column)} on ${sql.table(table)}
    begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  return async () => {
    await sql`drop trigger ${trigger}`.execute(db);
  };
}

/** A customer account with the given members (their users.account_id set), as staff would have set it up. */
export async function createTestAccount(
  overrides: { name?: string; slug?: string; arr?: number; members?: TestActor[] } = {},
): Promise<{ id: number; slug: string }> {
  const n = next();
  const slug = overrides.slug ?? `account-${n}`;
  const now = Date.now();
  const row = await getDb()
    .insertInto("accounts")
    .values({ slug, name: overrides.name ?? `Account ${n}`, arr: overrides.arr ?? 0, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const member of overrides.members ?? []) {
    await getDb().updateTable("users").set({ account_id: row.id }).where("id", "=", member.id).execute();
  }
  return { id: row.id, slug };
}
