import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { getDb } from "~db/client.server";

/**
 * lucia's seven-method Adapter over Kysely. The official SQLite adapter
 * bypasses Kysely and pins an older better-sqlite3, so we keep our own.
 */
export class KyselyLuciaAdapter implements Adapter {
  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await getDb()
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id as session_id",
        "sessions.expires_at",
        "users.id as user_id",
        "users.username",
        "users.display_name",
        "users.role",
        "users.suspended_until",
      ])
      .where("sessions.id", "=", sessionId)
      .executeTakeFirst();
    if (!row) return [null, null];
    return [
      { id: row.session_id, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      {
        id: row.user_id,
        attributes: {
          username: row.username,
          display_name: row.display_name,
          role: row.role,
          suspended_until: row.suspended_until,
        },
      },
    ];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    const rows = await getDb().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await getDb()
      .insertInto("sessions")
      .values({ id: session.id, user_id: Number(session.userId), expires_at: session.expiresAt.getTime() })
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
    await getDb().deleteFrom("sessions").where("expires_at", "<=", Date.now()).execute();
  }
}
