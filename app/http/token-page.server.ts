import { Invalid } from "~/models/errors.server";

/** What a page opened from an emailed link says when its token can't be used (incomplete, forged, used, expired), or null. */
export async function tokenRefusal(check: () => Promise<unknown>): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (error) {
    if (error instanceof Invalid && error.fields.token) return error.fields.token;
    throw error;
  }
}
