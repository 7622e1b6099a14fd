import { createHmac, timingSafeEqual } from "node:crypto";
import type { NotificationKind } from "~db/schema";
import { getSiteSecret } from "~/models/site-secret.server";
import { emailKinds } from "~/utils/email-kinds";

export type UnsubscribeScope = NotificationKind | "all";

const isScope = (value: string): value is UnsubscribeScope => value === "all" || (emailKinds as readonly string[]).includes(value);

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

/** A token that lets whoever holds the email turn off that kind of email, without signing in. */
export async function createUnsubscribeToken(userId: number, scope: UnsubscribeScope): Promise<string> {
  const payload = `${userId}.${scope}`;
  return `${payload}.${sign(await getSiteSecret(), payload)}`;
}

/** The member and scope a token was made for, or null for anything forged, altered or malformed. */
export async function verifyUnsubscribeToken(token: string | null): Promise<{ userId: number; scope: UnsubscribeScope } | null> {
  const match = token?.match(/^([1-9]\d{0,15})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return null;
  const [, id, scope, signature] = match as unknown as [string, string, string, string];
  if (!isScope(scope)) return null;
  const expected = Buffer.from(sign(await getSiteSecret(), `${id}.${scope}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: Number(id), scope };
}
