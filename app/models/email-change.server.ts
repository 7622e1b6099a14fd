import type { Transaction } from "kysely";
import type { Database } from "~db/schema";
import { queueVerificationEmail } from "~/email/account-emails.server";
import { issueToken } from "./user-token.server";

/** A member changes their address: it takes effect once the new one is verified (the link goes there). */
export async function requestEmailChange(trx: Transaction<Database>, userId: number, newEmail: string): Promise<void> {
  await trx.updateTable("users").set({ pending_email: newEmail }).where("id", "=", userId).execute();
  const token = await issueToken(trx, { userId, purpose: "verify_email", email: newEmail });
  await queueVerificationEmail(trx, { userId, email: newEmail }, token);
}
