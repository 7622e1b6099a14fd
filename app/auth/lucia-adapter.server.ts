import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { getDb } from "~db/client.server";

/**
 * lucia's seven-method Adapter over Kysely. The official SQLite adapter
 * bypasses Kysely and pins an older better-sqlite3, so we keep our own.
 *
 * lucia knows only a sliding expiry, which it pushes forward while a session
 * is used. On top of that a session ends `maxAgeMs` after it began however
 * busy it is: every session read here reports the earlier of the two, so
 * lucia's own expiry check ends it.
 */
export class KyselyLuciaAdapter implements Adapter {
  constructor(private readonly options: { maxAgeMs: number }) {}

  private toSession(row: { id: string; user_id: number; expires_at: number; created_at: number; last_seen_at: number }): DatabaseSession {
    const expiresAt = Math.min(row.expires_at, row.created_at + this.options.maxAgeMs);
    return { id: row.id, userId: row.user_id, expiresAt: new Date(expiresAt), attributes: { last_seen_at: row.last_seen_at } };
  }

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await getDb()
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id",
        "sessions.expires_at",
        "sessions.created_at",
        "sessions.user_id",
        "users.username",
        "users.display_name",
        "users.role",
        "users.suspended_until",
        "users.email_verified_at",
        "sessions.last_seen_at",
      ])
      .where("sessions.id", "=", sessionId)
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      this.toSession(row),
      {
        id: row.user_id,
        attributes: {
          username: row.username,
          display_name: row.display_name,
          role: row.role,
          suspended_until: row.suspended_until,
          email_verified_at: row.email_verified_at,
        },
      },
    ];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    const rows = await getDb().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((row) => this.toSession(row));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await getDb()
      .insertInto("sessions")
      .values({
        id: session.id,
        user_id: Number(session.userId),
        expires_at: session.expiresAt.getTime(),
        created_at: Date.now(),
        last_seen_at: Date.now(),
        user_agent: session.attributes.user_agent?.slice(0, 500) ?? null,
        sso_signed_in_at: session.attributes.sso_signed_in_at ?? null,
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await getDb().updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await getDb().deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: number): Promise<void> {
    await getDb().deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = Date.now();
    await getDb()
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("created_at", "<=", now - this.options.maxAgeMs)]))
      .execute();
  }
}

/** Moves a session's "last seen" to now. */
export async function noteSessionSeen(sessionId: string): Promise<void> {
  await getDb().updateTable("sessions").set({ last_seen_at: Date.now() }).where("id", "=", sessionId).execute();
}
